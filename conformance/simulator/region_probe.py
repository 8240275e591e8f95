"""Region checks for driver.py: a simulator started with `--region R` (or `--cloud otc`) must
let the official SDK reach exactly R's documented operations, and answer every other one as
R's API gateway does (404, `APIGW.0101`, a message and a request id).

The expected sets come from conformance/vpcep/spec_facts.py, where the regional API references
are recorded and from which specs/vpcep (and so the simulator's table) is built; the operations
and their path parameters come from the SDK itself. The counts below are what those references
list, so a fact that changes shape (an operation moved between regions) fails loudly here too.
"""

import os
import sys
import uuid

import huaweicloudsdkvpcep.v1 as v
from huaweicloudsdkcore.exceptions.exceptions import ServiceResponseException

from driver_support import eq, expect, service_error

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vpcep"))
import sdk_facts  # noqa: E402  (lives in conformance/vpcep)
import spec_facts  # noqa: E402

# Operations each regional API reference lists (README.md, "Regions").
DOCUMENTED_COUNTS = {
    "ae-ad-1": 19, "my-kualalumpur-1": 19, "eu-west-0": 21, "tr-central-201": 18,
    "eu-de": 21, "eu-nl": 21,
}
ALL_OPERATIONS = 33
# Regions selling the professional edition (IPv6 services), from the Terraform provider's
# huaweicloud_vpcep_service documentation.
PROFESSIONAL_REGIONS = {"cn-east-4", "me-east-1", "cn-east-5", "af-north-1"}


def _path_value(attr):
    """A value for a path parameter that names nothing existing."""
    return {"resource_type": "endpoint_service", "version": "v1"}.get(attr, str(uuid.uuid4()))


def _request(op):
    """The SDK request object of `op` with its path parameters filled, nothing else."""
    request = sdk_facts.model_class(op["name"] + "Request")()
    for param in op["path_params"]:
        setattr(request, param["attr"], _path_value(param["attr"]))
    return request


class RegionProbe:
    """The region checks, for a simulator playing `region`."""

    def __init__(self, client, region):
        self.client = client
        self.region = region

    def checks(self):
        return [
            (f"region-{self.region}-operations", self.check_operation_set),
            (f"region-{self.region}-professional-fields", self.check_professional_fields),
        ]

    def expected(self, names):
        offered = spec_facts.REGION_OPERATIONS.get(self.region)
        return set(names) if offered is None else set(offered)

    def check_operation_set(self):
        ops = sdk_facts.operations()
        eq(len(ops), ALL_OPERATIONS, "SDK operations")
        answered, unpublished = set(), set()
        for op in ops:
            try:
                getattr(self.client, op["snake"])(_request(op))
            except ServiceResponseException as error:
                if error.status_code == 404 and error.error_code == "APIGW.0101":
                    expect(error.error_msg and error.request_id,
                           f"{op['name']}: APIGW.0101 without error_msg or request id")
                    unpublished.add(op["name"])
                    continue
                expect(error.error_code.startswith("EndPoint."),
                       f"{op['name']}: HTTP {error.status_code} {error.error_code}")
            answered.add(op["name"])
        expected = self.expected(op["name"] for op in ops)
        eq(sorted(expected - answered), [], "documented but unpublished")
        eq(sorted(answered - expected), [], "published but not documented")
        eq(len(answered), DOCUMENTED_COUNTS.get(self.region, ALL_OPERATIONS), "operations")

    def check_professional_fields(self):
        body = v.CreateEndpointServiceRequestBody(
            port_id=str(uuid.uuid4()), vpc_id=str(uuid.uuid4()), server_type="VM",
            ports=[v.PortList(client_port=80, server_port=8080, protocol="TCP")],
            ip_version="ipv6", snat_network_id=str(uuid.uuid4()))
        create = lambda: self.client.create_endpoint_service(  # noqa: E731
            v.CreateEndpointServiceRequest(body=body))
        if self.region in PROFESSIONAL_REGIONS:
            eq(create().ip_version, "ipv6", "ip_version")
        else:
            error = service_error(create, 400, "EndPoint.0002")
            expect("ip_version" in error.error_msg, f"error_msg: {error.error_msg!r}")
