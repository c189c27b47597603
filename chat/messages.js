// Turns what the API sends into list items. Every text from the API or another person goes in as text (textContent),
// never as markup: a name or message like <img src=x onerror=alert(1)> shows as those characters.

/** An element with a class and text. */
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function timeElement(date) {
  const time = element('time', 'time', date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  time.dateTime = date.toISOString();
  time.title = date.toLocaleString();
  return time;
}

/** A data value as a person reads it: a string as it is, anything else as JSON. */
function asText(data) {
  return typeof data === 'string' ? data : JSON.stringify(data);
}

/** A notice from the page itself (connected, reconnected, ...). */
export function notice(text, className = 'notice') {
  const item = element('li', className);
  item.append(timeElement(new Date()), element('span', 'text', text));
  return item;
}

/** An error: from the API's reply, or the page's own. */
export function problem(text) {
  const item = notice(text, 'error');
  item.setAttribute('role', 'alert');
  return item;
}

/**
 * The list item for one message from the API.
 *
 * @param {object | string} message parsed JSON, or text that was not JSON
 * @param {string} ownName the name this page joined under (its own messages are marked)
 */
export function render(message, ownName) {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return notice(`The API sent: ${asText(message)}`);
  }
  switch (message.type) {
    case 'message': {
      const sentAt = new Date(message.sentAt);
      const mine = message.from === ownName;
      const item = element('li', mine ? 'message mine' : 'message');
      const heading = element('p', 'meta');
      heading.append(element('span', 'from', asText(message.from ?? '')),
        timeElement(Number.isNaN(sentAt.getTime()) ? new Date() : sentAt));
      item.append(heading, element('p', 'text', asText(message.data)));
      return item;
    }
    case 'joined': {
      const as = typeof message.name === 'string' ? ` as ${message.name}` : '';
      return notice(`You joined ${message.room}${as} (${message.members} ${message.members === 1 ? 'member' : 'members'}).`,
        'notice self');
    }
    case 'left':
      return notice(`You left ${message.room}.`, 'notice self');
    case 'member-joined':
      return notice(`${message.name} joined ${message.room}.`);
    case 'member-left':
      return notice(`${message.name} left ${message.room}.`);
    case 'error':
      return problem(`Error: ${asText(message.message)}`);
    default:
      // API Gateway's own frames ("Internal server error", "Forbidden", ...) carry only a message.
      if (message.type === undefined && typeof message.message === 'string') {
        return problem(`Error from the API: ${message.message}`);
      }
      return notice(`The API sent: ${JSON.stringify(message)}`);
  }
}
