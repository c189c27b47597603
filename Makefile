# Builds the Lambda artifacts for `sam build` (Metadata: BuildMethod: makefile in template.yaml).
#
# sam copies the project root to a scratch folder and runs `make build-<LogicalId>` there with
# ARTIFACTS_DIR set; the Makefile is read from its original path, so every path below is relative
# to the working directory, never to this file. By hand: make build-EchoFunction ARTIFACTS_DIR=/tmp/echo
#
# Any JDK >= 17 works (sources compile with --release 17; the enforcer rejects older JDKs):
# point JAVA_HOME at it if `mvn -v` shows another. Extra Maven flags: make ... MVN_FLAGS="-B -q -o".

MVN       ?= mvn
MVN_FLAGS ?= -B -q

# Every function of template.yaml: <LogicalId>=<Maven module> (the module is the function's CodeUri). The only
# list here: each gets a build-<LogicalId> target. ProjectConsistencyTest (mvn verify) checks it against the template.
FUNCTIONS := \
	ConnectFunction=ws-connect \
	DisconnectFunction=ws-disconnect \
	DefaultFunction=ws-default \
	EchoFunction=ws-echo \
	JoinRoomFunction=ws-joinroom \
	LeaveRoomFunction=ws-leaveroom \
	SendMessageFunction=ws-sendmessage \
	AuthorizerFunction=ws-authorizer

FUNCTION_TARGETS := $(foreach f,$(FUNCTIONS),build-$(firstword $(subst =, ,$(f))))
$(foreach f,$(FUNCTIONS),$(eval build-$(firstword $(subst =, ,$(f))): MODULE := $(lastword $(subst =, ,$(f)))))

.PHONY: help $(FUNCTION_TARGETS)

help:
	@echo "Targets (called by sam build with ARTIFACTS_DIR set): $(FUNCTION_TARGETS)"

# Lambda's Java layout: classes at the root of the artifact, runtime jars in lib/. The package phase lays it out,
# shrunk by ProGuard (only the classes the handler reaches), in <module>/target/lambda: copied as it is.
# `clean` first, so jars or classes left from an older build never reach the artifact.
$(FUNCTION_TARGETS):
	@test -n "$(ARTIFACTS_DIR)" || { echo "$@: ARTIFACTS_DIR is not set (sam build sets it; by hand: make $@ ARTIFACTS_DIR=/tmp/out)" >&2; exit 1; }
	$(MVN) $(MVN_FLAGS) -pl $(MODULE) -am -DskipTests clean package
	@test -d $(MODULE)/target/lambda/lib || { echo "$@: $(MODULE)/target/lambda/lib is missing: bind the lambda-layout and lambda-shrink executions to package in $(MODULE)/pom.xml" >&2; exit 1; }
	mkdir -p "$(ARTIFACTS_DIR)"
	cp -R $(MODULE)/target/lambda/. "$(ARTIFACTS_DIR)/"

build-%:
	@echo "build-$*: no such function in this Makefile (known: $(FUNCTION_TARGETS)). To add it: a line $*=ws-<name> in the FUNCTIONS list at the top of the Makefile" >&2; exit 1
