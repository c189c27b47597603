// The chat page: wires the form, the buttons and the message list to one ChatConnection.

import { ChatConnection, State } from './connection.js';
import { notice, problem, render } from './messages.js';
import { resolveSettings } from './settings.js';
import { tokenName } from './token.js';

const $ = (id) => document.getElementById(id);
const ui = {
  status: $('status'),
  disconnect: $('disconnect'),
  joinForm: $('join-form'),
  name: $('name'),
  nameNote: $('name-note'),
  room: $('room'),
  token: $('token'),
  join: $('join'),
  roomTitle: $('room-title'),
  leave: $('leave'),
  messages: $('messages'),
  sendForm: $('send-form'),
  message: $('message'),
  send: $('send'),
  hint: $('send-hint'),
  apiUrl: $('api-url'),
};

let settings = { url: undefined, token: '' };
/** @type {ChatConnection | null} */
let connection = null;
let state = State.DISCONNECTED;

function show(item) {
  const list = ui.messages;
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
  list.append(item);
  if (atBottom) {
    list.scrollTop = list.scrollHeight;
  }
}

function stateText(newState, detail) {
  switch (newState) {
    case State.CONNECTING:
      return 'Connecting…';
    case State.CONNECTED:
      return 'Connected';
    case State.RECONNECTING:
      return detail.delayMs === undefined ? `Reconnecting… (attempt ${detail.attempt})`
        : `Reconnecting in ${Math.max(1, Math.round(detail.delayMs / 1000))} s (attempt ${detail.attempt})…`;
    default:
      return detail.couldNotConnect ? 'Could not connect' : 'Disconnected';
  }
}

function joinedRoom() {
  return connection?.membership?.room ?? null;
}

/** Enables what can be used now, and names the room. */
function refresh() {
  const room = joinedRoom();
  ui.join.disabled = settings.url === undefined;
  ui.disconnect.disabled = state === State.DISCONNECTED;
  ui.leave.disabled = !connection?.inRoom;
  ui.send.disabled = !connection?.inRoom;
  ui.roomTitle.textContent = room === null ? 'Not in a room' : `Room: ${room}`;
  ui.message.placeholder = room === null ? 'Join a room to send messages' : `Message to ${room}`;
  document.title = room === null ? 'Chat' : `${room} – Chat`;
}

function onState(newState, detail) {
  const before = state;
  state = newState;
  ui.status.textContent = stateText(newState, detail);
  ui.status.dataset.state = newState;
  if (newState === State.RECONNECTING && detail.delayMs !== undefined && before === State.CONNECTED) {
    show(notice(`Connection lost${detail.closeCode ? ` (code ${detail.closeCode})` : ''}; reconnecting…`,
      'notice warning'));
  } else if (newState === State.CONNECTED && before === State.RECONNECTING) {
    show(notice('Reconnected.', 'notice self'));
  }
  refresh();
}

function onMessage(message) {
  show(render(message, connection?.membership?.name ?? ui.name.value));
  if (message && message.type === 'joined' && typeof message.name === 'string' && message.name !== ui.name.value) {
    // With sign-in on, the API names you as your token does, whatever the Name field said.
    show(notice(`The API knows you as ${message.name} (the name in your sign-in token), not as ${ui.name.value}.`,
      'notice self'));
    ui.name.value = message.name;
  }
  if (message && message.type === 'joined' && ui.joinForm.contains(document.activeElement)) {
    ui.message.focus();
  }
  refresh();
}

function onProblem(text) {
  show(problem(text));
}

function join(event) {
  event.preventDefault();
  if (settings.url === undefined) {
    return;
  }
  const token = ui.token.value.trim();
  if (connection !== null && connection.token !== token) {
    connection.disconnect(); // the token is offered at the handshake: a new one needs a new connection
    connection = null;
  }
  if (connection === null) {
    connection = new ChatConnection({ url: settings.url, token, onState, onMessage, onProblem });
  }
  connection.join(ui.room.value, ui.name.value);
}

function send(event) {
  event.preventDefault();
  const text = ui.message.value;
  if (text.trim() === '') {
    return;
  }
  if (ui.send.disabled) {
    // Kept in the box: nothing typed is lost while (re)connecting or outside a room.
    ui.hint.textContent = joinedRoom() === null ? 'Join a room first; your message is kept.'
      : state === State.CONNECTED ? 'Rejoining the room; your message is kept. Send it once back in.'
        : 'Not connected right now; your message is kept. Send it once connected.';
    return;
  }
  if (connection.send({ action: 'sendmessage', data: text })) {
    ui.message.value = '';
    ui.hint.textContent = '';
  }
}

ui.joinForm.addEventListener('submit', join);
ui.sendForm.addEventListener('submit', send);
ui.message.addEventListener('keydown', (event) => {
  // Enter sends, Shift+Enter starts a new line (and Enter while an input method composes is the IME's).
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    ui.sendForm.requestSubmit();
  }
});
ui.leave.addEventListener('click', () => {
  if (connection?.leave()) {
    ui.room.focus();
  }
});
ui.disconnect.addEventListener('click', () => {
  connection?.disconnect();
  show(notice('Disconnected. Join to connect again.', 'notice self'));
  ui.name.focus();
});
window.addEventListener('online', () => connection?.networkIsBack());

/** A token that names its holder fills in the Name field (the API would use that name anyway, with sign-in on). */
function nameFromToken(token) {
  const name = tokenName(token);
  const shown = name !== null;
  if (shown && (ui.name.value === '' || ui.name.value === ui.nameNote.dataset.name)) {
    ui.name.value = name;
  }
  ui.nameNote.hidden = !shown;
  ui.nameNote.dataset.name = name ?? '';
  if (shown) {
    ui.name.setAttribute('aria-describedby', 'name-note');
  } else {
    ui.name.removeAttribute('aria-describedby');
  }
}
ui.token.addEventListener('change', () => nameFromToken(ui.token.value.trim()));

settings = await resolveSettings(window.location);
ui.token.value = settings.token;
nameFromToken(settings.token);
if (settings.token) {
  // A token in the address bar would stay in the history and in screenshots: keep it in the field only.
  const url = new URL(window.location.href);
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url);
}
if (settings.problem) {
  show(problem(settings.problem));
} else {
  ui.apiUrl.textContent = settings.url;
}
refresh();
document.documentElement.dataset.ready = 'true';
