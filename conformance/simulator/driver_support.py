"""What the driver's checks share: expectations, SDK clients, waiting, and the check runner."""

import time

import huaweicloudsdkvpcep.v1 as v
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ServiceResponseException
from huaweicloudsdkcore.http.http_config import HttpConfig

# How long a lifecycle transition (creating → available, deleting → gone) may take.
WAIT_SECONDS = 10


class CheckFailed(Exception):
    """A check's expectation did not hold."""


class MissingPrerequisite(Exception):
    """A value an earlier (failed) check should have produced."""


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def eq(actual, expected, what):
    expect(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def service_error(call, status, code=None):
    """Runs `call`, which must fail with an SDK service error of `status` (and `code`)."""
    try:
        result = call()
    except ServiceResponseException as error:
        eq(error.status_code, status, "HTTP status")
        if code is not None:
            eq(error.error_code, code, "error_code")
        expect(error.error_msg, "error_msg is empty")
        expect(error.request_id, "request_id (X-Request-Id) is empty")
        return error
    raise CheckFailed(f"expected HTTP {status}, the call succeeded: {str(result)[:200]}")


def describe_failure(error):
    if isinstance(error, CheckFailed):
        return str(error)
    if isinstance(error, ServiceResponseException):
        return f"unexpected HTTP {error.status_code} {error.error_code}: {error.error_msg}"
    if isinstance(error, MissingPrerequisite):
        return f"skipped, needs {error}"
    return f"{type(error).__name__}: {error}"


class State(dict):
    """Values checks hand on to later ones; a missing one fails the later check."""

    def __getattr__(self, name):
        if name not in self:
            raise MissingPrerequisite(name)
        return self[name]

    def __setattr__(self, name, value):
        self[name] = value


def client_for(endpoint, tenant, secret_key=None, derived_region=None):
    """An SDK client for `tenant`; `derived_region` switches to V11-HMAC-SHA256 signing with
    that region in the scope (the SDK sets this up itself only when built with a Region)."""
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    config.timeout = (2, 10)
    credentials = BasicCredentials(
        tenant["access_key"], secret_key or tenant["secret_key"], tenant["project_id"])
    if derived_region is not None:
        credentials.with_derived_predicate(lambda request: True)
        credentials._process_derived_auth_params("vpcep", derived_region)
    return (v.VpcepClient.new_builder()
            .with_http_config(config)
            .with_credentials(credentials)
            .with_endpoints([endpoint])
            .build())


def wait_for(poll, done, what):
    """Polls until `done(poll())`; returns the last value."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        value = poll()
        if done(value):
            return value
        if time.monotonic() > deadline:
            last = str(value)[:200]
            raise CheckFailed(f"{what} not reached within {WAIT_SECONDS}s (last: {last})")
        time.sleep(0.05)


def gone(call):
    """Whether `call` answers 404 (anything else but success is an error)."""
    try:
        call()
        return False
    except ServiceResponseException as error:
        if error.status_code == 404:
            return True
        raise


def tag_pairs(tags):
    return sorted((t.key, t.value) for t in tags or [])


class Runner:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def run(self, name, check):
        try:
            check()
        except Exception as error:  # every failure becomes a FAIL line, never a traceback
            self.failed += 1
            reason = describe_failure(error).replace("\n", " ")
            print(f"FAIL {name}: {reason}", flush=True)
        else:
            self.passed += 1
            print(f"ok   {name}", flush=True)
