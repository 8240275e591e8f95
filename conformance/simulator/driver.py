#!/usr/bin/env python3
"""Drives a running vpcep-sim with the official Python SDK (huaweicloudsdkvpcep 3.1.219).

A provider tenant publishes endpoint services and a consumer tenant connects to them, through
all 33 operations of `VpcepClient`, in the order real users go. Every check looks at the values
the SDK parsed, not only at the status. Prints `ok   <name>` or `FAIL <name>: <why>` per check
and `N passed, M failed` last; exits 1 on any failure.

With `--checks probe` (or `scenario,probe`) it also, or only, runs region_probe.py: every
operation once, expecting exactly the region's documented set.

Usage: driver.py --endpoint http://127.0.0.1:PORT --tenants tenants.json [--region R]
                 [--lifecycle-delay-ms N] [--checks scenario,probe]
"""

import argparse
import json
import sys
import uuid

import huaweicloudsdkvpcep.v1 as v

from driver_support import (Runner, State, client_for, eq, expect, gone, service_error,
                            tag_pairs, wait_for)
from region_probe import RegionProbe


def new_id():
    return str(uuid.uuid4())


class Scenario:
    """The checks, in the order they run; each may use what earlier ones left in `self.s`."""

    def __init__(self, endpoint, tenants, region, lifecycle_delay_ms):
        by_name = {t["name"]: t for t in tenants}
        self.provider_tenant = by_name["provider"]
        self.consumer_tenant = by_name["consumer"]
        self.provider = client_for(endpoint, self.provider_tenant)
        self.consumer = client_for(endpoint, self.consumer_tenant)
        self.wrong_key = client_for(endpoint, self.provider_tenant, secret_key="0" * 40)
        self.region = region
        self.endpoint_url = endpoint
        self.delayed = lifecycle_delay_ms > 0
        self.consumer_entry = f"iam:domain::{self.consumer_tenant['domain_id']}"
        self.s = State()

    # ---- helpers -----------------------------------------------------------------------------

    def service(self, service_id):
        return self.provider.list_service_details(
            v.ListServiceDetailsRequest(vpc_endpoint_service_id=service_id))

    def endpoint(self, client, endpoint_id):
        return client.list_endpoint_info_details(
            v.ListEndpointInfoDetailsRequest(vpc_endpoint_id=endpoint_id))

    def service_body(self, short_name=None, service_type="interface", approval=False, tags=None,
                     ports=None, server_type="VM"):
        ports = ports or [v.PortList(client_port=8080, server_port=80, protocol="TCP")]
        return v.CreateEndpointServiceRequestBody(
            port_id=new_id(), vpc_id=new_id(), service_name=short_name, server_type=server_type,
            service_type=service_type, approval_enabled=approval, ports=ports, tags=tags,
            description="published by the SDK driver")

    def create_service(self, short_name, **fields):
        body = self.service_body(short_name, **fields)
        return self.provider.create_endpoint_service(v.CreateEndpointServiceRequest(body=body))

    def wait_service_available(self, service_id):
        return wait_for(lambda: self.service(service_id),
                        lambda r: r.status == "available", f"service {service_id} available")

    def create_endpoint(self, service_id, **fields):
        body = v.CreateEndpointRequestBody(endpoint_service_id=service_id, vpc_id=new_id(),
                                           **fields)
        return self.consumer.create_endpoint(v.CreateEndpointRequest(body=body))

    def wait_endpoint_status(self, client, endpoint_id, status):
        return wait_for(lambda: self.endpoint(client, endpoint_id),
                        lambda r: r.status == status, f"endpoint {endpoint_id} {status}")

    def permissions_action(self, service_id, action, entries):
        body = v.AddOrRemoveServicePermissionsRequestBody(
            permissions=entries, permission_type="domainId", action=action)
        return self.provider.add_or_remove_service_permissions(
            v.AddOrRemoveServicePermissionsRequest(vpc_endpoint_service_id=service_id, body=body))

    def list_permissions(self, service_id, **query):
        return self.provider.list_service_permissions_details(
            v.ListServicePermissionsDetailsRequest(vpc_endpoint_service_id=service_id, **query))

    def list_connections(self, service_id, **query):
        return self.provider.list_service_connections(
            v.ListServiceConnectionsRequest(vpc_endpoint_service_id=service_id, **query))

    def quotas(self, client, kind=None):
        response = client.list_quota_details(v.ListQuotaDetailsRequest(type=kind))
        return {q.type: (q.used, q.quota) for q in response.quotas.resources}

    def tag_action(self, kind, resource_id, action, tags):
        """`tags` are (key, value) pairs; a value of None is left out of the request."""
        body = v.BatchAddOrRemoveResourceInstanceRequestBody(
            action=action, tags=[v.ResourceTag(key=k, value=val) for k, val in tags])
        return self.provider.batch_add_or_remove_resource_instance(
            v.BatchAddOrRemoveResourceInstanceRequest(resource_type=kind, resource_id=resource_id,
                                                      body=body))

    def find_by_tag(self, client, kind, **body):
        return client.list_resource_instances(v.ListResourceInstancesRequest(
            resource_type=kind, body=v.QueryResourceInstanceTagsBody(**body)))

    # ---- authentication, versions, quotas ----------------------------------------------------

    def check_auth_wrong_secret_key(self):
        error = service_error(lambda: self.wrong_key.list_quota_details(
            v.ListQuotaDetailsRequest()), 401, "APIGW.0301")
        expect("authentication" in error.error_msg.lower(), f"error_msg: {error.error_msg!r}")

    def check_auth_derived_signing(self):
        derived = client_for(self.endpoint_url, self.provider_tenant, derived_region=self.region)
        quotas = derived.list_quota_details(v.ListQuotaDetailsRequest(type="endpoint"))
        eq([(q.type, q.quota) for q in quotas.quotas.resources], [("endpoint", 50)], "quotas")
        elsewhere = client_for(self.endpoint_url, self.provider_tenant,
                               derived_region="eu-west-101")
        service_error(lambda: elsewhere.list_quota_details(v.ListQuotaDetailsRequest()), 401,
                      "APIGW.0301")

    def check_versions_list(self):
        response = self.provider.list_version_details(v.ListVersionDetailsRequest())
        versions = {item.id: item for item in response.versions}
        eq(sorted(versions), ["v1", "v2"], "version ids")
        eq(versions["v2"].status, "CURRENT", "v2 status")
        eq(versions["v1"].status, "SUPPORTED", "v1 status")
        expect(versions["v1"].links and versions["v1"].links[0].rel == "self", "v1 self link")

    def check_versions_show(self):
        response = self.provider.list_specified_version_details(
            v.ListSpecifiedVersionDetailsRequest(version="v1"))
        eq(response.version.id, "v1", "version.id")
        eq(response.version.status, "SUPPORTED", "version.status")
        service_error(lambda: self.provider.list_specified_version_details(
            v.ListSpecifiedVersionDetailsRequest(version="v9")), 404)

    def check_quotas_initial(self):
        eq(self.quotas(self.provider),
           {"endpoint_service": (0, 20), "endpoint": (0, 50)}, "provider quotas")
        eq(self.quotas(self.consumer, "endpoint"), {"endpoint": (0, 50)}, "consumer endpoint quota")

    # ---- the provider publishes a service -----------------------------------------------------

    def check_service_create(self):
        response = self.create_service("conf-svc", approval=True, tags=[v.TagList("env", "test")])
        eq(response.status_code, 200, "HTTP status")
        expect(response.id, "no id")
        eq(response.service_name, f"{self.region}.conf-svc.{response.id}", "service_name")
        eq(response.status, "creating" if self.delayed else response.status, "status")
        eq(response.approval_enabled, True, "approval_enabled")
        eq(response.service_type, "interface", "service_type")
        eq(response.server_type, "VM", "server_type")
        eq(response.project_id, self.provider_tenant["project_id"], "project_id")
        eq([(p.client_port, p.server_port, p.protocol) for p in response.ports],
           [(8080, 80, "TCP")], "ports")
        eq(tag_pairs(response.tags), [("env", "test")], "tags")
        eq(response.tcp_proxy, "close", "tcp_proxy default")
        self.s.service_id = response.id
        self.s.service_name = response.service_name

    def check_service_wait_available(self):
        response = self.wait_service_available(self.s.service_id)
        eq(response.id, self.s.service_id, "id")
        eq(response.service_name, self.s.service_name, "service_name")
        eq(response.approval_enabled, True, "approval_enabled")
        eq(response.supported_editions, ["default"], "supported_editions")
        expect(response.created_at is not None and response.created_at.year >= 2024,
               f"created_at not parsed as a date: {response.created_at!r}")

    def check_service_describe_not_whitelisted(self):
        # The API reference: other users may query a service's basic information, without the
        # owner's server information. The consumer is on no whitelist yet.
        by_id = self.consumer.list_service_describe_details(
            v.ListServiceDescribeDetailsRequest(id=self.s.service_id))
        eq((by_id.id, by_id.service_name, by_id.service_type, by_id.is_charge),
           (self.s.service_id, self.s.service_name, "interface", False), "described by id")
        expect(by_id.created_at, "created_at is empty")
        sent = set(json.loads(by_id.raw_content))
        eq(sent - set(v.ListServiceDescribeDetailsResponse.attribute_map), set(),
           "fields beyond the basic ones")
        by_name = self.consumer.list_service_describe_details(
            v.ListServiceDescribeDetailsRequest(endpoint_service_name=self.s.service_name))
        eq(by_name.id, self.s.service_id, "described by name")
        service_error(lambda: self.consumer.list_service_describe_details(
            v.ListServiceDescribeDetailsRequest(id=new_id())), 404, "EndPoint.0005")
        service_error(lambda: self.consumer.list_service_details(v.ListServiceDetailsRequest(
            vpc_endpoint_service_id=self.s.service_id)), 404, "EndPoint.0005")

    def check_endpoint_create_not_whitelisted(self):
        service_error(lambda: self.create_endpoint(self.s.service_id, subnet_id=new_id()),
                      403, "EndPoint.0007")

    # ---- whitelist -----------------------------------------------------------------------------

    def check_whitelist_add_remove(self):
        added = self.permissions_action(self.s.service_id, "add", [self.consumer_entry])
        eq(added.permissions, [self.consumer_entry], "permissions after add")
        eq(added.permission_type, "domainId", "permission_type")
        listed = self.list_permissions(self.s.service_id)
        eq([p.permission for p in listed.permissions], [self.consumer_entry], "listed")
        removed = self.permissions_action(self.s.service_id, "remove", [self.consumer_entry])
        eq(removed.permissions, [], "permissions after remove")
        eq(self.list_permissions(self.s.service_id).total_count, 0, "total_count after remove")
        service_error(lambda: self.permissions_action(self.s.service_id, "add",
                                                      ["iam:domain::short"]), 400, "EndPoint.0002")

    def check_whitelist_batch_create(self):
        other = f"iam:domain::{uuid.uuid4().hex}"
        body = v.BatchAddEndpointServicePermissionsRequestBody(permissions=[
            v.EpsAddPermissionRequest(permission=self.consumer_entry, description="consumer"),
            v.EpsAddPermissionRequest(permission=other, description="someone else"),
        ], permission_type="domainId")
        response = self.provider.batch_add_endpoint_service_permissions(
            v.BatchAddEndpointServicePermissionsRequest(
                vpc_endpoint_service_id=self.s.service_id, body=body))
        eq([(p.permission, p.description, p.permission_type) for p in response.permissions],
           [(self.consumer_entry, "consumer", "domainId"), (other, "someone else", "domainId")],
           "created records")
        expect(all(p.id for p in response.permissions), "a record has no id")
        self.s.consumer_permission_id = response.permissions[0].id
        self.s.other_permission_id = response.permissions[1].id

    def check_whitelist_update_description(self):
        body = v.UpdateEndpointServicePermissionDescRequestBody(
            permission=v.EpsUpdatePermissionDesc(description="consumer account, approved"))
        response = self.provider.update_endpoint_service_permission_desc(
            v.UpdateEndpointServicePermissionDescRequest(
                vpc_endpoint_service_id=self.s.service_id,
                permission_id=self.s.consumer_permission_id, body=body))
        eq([(p.id, p.description) for p in response.permissions],
           [(self.s.consumer_permission_id, "consumer account, approved")], "updated record")

    def check_whitelist_list_filter(self):
        every = self.list_permissions(self.s.service_id)
        eq(every.total_count, 2, "total_count")
        filtered = self.list_permissions(
            self.s.service_id, permission=self.consumer_tenant["domain_id"])
        eq(filtered.total_count, 1, "filtered total_count")
        eq([(p.id, p.permission) for p in filtered.permissions],
           [(self.s.consumer_permission_id, self.consumer_entry)], "filtered records")
        page = self.list_permissions(self.s.service_id, limit=1, offset=1)
        eq((len(page.permissions), page.total_count), (1, 2), "page of 1 at offset 1")

    def check_whitelist_list_limit_at_most_500(self):
        # The spec: ListServicePermissionsDetails `limit` has maximum 500 (1000 elsewhere).
        eq(self.list_permissions(self.s.service_id, limit=500).total_count, 2, "limit=500")
        service_error(lambda: self.list_permissions(self.s.service_id, limit=501), 400,
                      "EndPoint.0002")

    def check_whitelist_batch_delete(self):
        def remove(ids):
            body = v.BatchRemoveEndpointServicePermissionsRequestBody(
                permissions=[v.EpsRemovePermissionRequest(id=i) for i in ids])
            return self.provider.batch_remove_endpoint_service_permissions(
                v.BatchRemoveEndpointServicePermissionsRequest(
                    vpc_endpoint_service_id=self.s.service_id, body=body))
        # All or nothing: one unknown id removes none.
        service_error(lambda: remove([self.s.other_permission_id, new_id()]), 404,
                      "EndPoint.0005")
        eq(self.list_permissions(self.s.service_id).total_count, 2, "total after refused delete")
        response = remove([self.s.other_permission_id])
        eq([p.permission for p in response.permissions], [self.consumer_entry], "remaining")

    def check_service_describe_for_consumer(self):
        by_id = self.consumer.list_service_describe_details(
            v.ListServiceDescribeDetailsRequest(id=self.s.service_id))
        eq((by_id.id, by_id.service_name, by_id.service_type, by_id.is_charge),
           (self.s.service_id, self.s.service_name, "interface", False), "described by id")
        by_name = self.consumer.list_service_describe_details(
            v.ListServiceDescribeDetailsRequest(endpoint_service_name=self.s.service_name))
        eq(by_name.id, self.s.service_id, "described by name")

    # ---- the consumer connects, the provider approves -----------------------------------------

    def check_endpoint_create(self):
        response = self.create_endpoint(
            self.s.service_id, subnet_id=new_id(), enable_dns=True, description="app link",
            whitelist=["10.0.0.0/8"], enable_whitelist=True, tags=[v.TagList("app", "shop")])
        eq(response.status_code, 200, "HTTP status")
        eq(response.endpoint_service_id, self.s.service_id, "endpoint_service_id")
        eq(response.endpoint_service_name, self.s.service_name, "endpoint_service_name")
        eq(response.service_type, "interface", "service_type")
        eq(response.status, "creating" if self.delayed else response.status, "status")
        eq(response.project_id, self.consumer_tenant["project_id"], "project_id")
        eq((response.whitelist, response.enable_whitelist), (["10.0.0.0/8"], True), "whitelist")
        eq(tag_pairs(response.tags), [("app", "shop")], "tags")
        expect(isinstance(response.marker_id, int), f"marker_id {response.marker_id!r}")
        expect(response.ip, "no ip")
        self.s.endpoint_id = response.id
        self.s.marker_id = response.marker_id

    def check_endpoint_wait_pending_acceptance(self):
        response = self.wait_endpoint_status(self.consumer, self.s.endpoint_id,
                                             "pendingAcceptance")
        eq(response.enable_dns, True, "enable_dns")
        expect(response.dns_names and self.s.endpoint_id in response.dns_names[0],
               f"dns_names {response.dns_names!r}")
        eq(response.description, "app link", "description")

    def check_connections_list(self):
        response = self.list_connections(self.s.service_id)
        eq(response.total_count, 1, "total_count")
        connection = response.connections[0]
        eq((connection.id, connection.marker_id, connection.domain_id, connection.status),
           (self.s.endpoint_id, self.s.marker_id, self.consumer_tenant["domain_id"],
            "pendingAcceptance"), "connection")
        eq(self.list_connections(self.s.service_id, status="accepted").total_count, 0,
           "accepted connections before approval")
        by_marker = self.list_connections(self.s.service_id, marker_id=str(self.s.marker_id))
        eq([c.id for c in by_marker.connections], [self.s.endpoint_id], "filtered by marker_id")

    def check_connections_accept(self):
        body = v.AcceptOrRejectEndpointRequestBody(action="receive",
                                                   endpoints=[self.s.endpoint_id])
        response = self.provider.accept_or_reject_endpoint(v.AcceptOrRejectEndpointRequest(
            vpc_endpoint_service_id=self.s.service_id, body=body))
        eq([(c.id, c.status) for c in response.connections], [(self.s.endpoint_id, "accepted")],
           "connections")
        service_error(lambda: self.provider.accept_or_reject_endpoint(
            v.AcceptOrRejectEndpointRequest(
                vpc_endpoint_service_id=self.s.service_id,
                body=v.AcceptOrRejectEndpointRequestBody(action="receive", endpoints=[new_id()]))),
            400, "EndPoint.2013")

    def check_connections_description(self):
        body = v.UpdateEndpointConnectionsDescRequestBody(connections=[
            v.ConnectionsDesc(id=self.s.endpoint_id, description="shop frontend")])
        response = self.provider.update_endpoint_connections_desc(
            v.UpdateEndpointConnectionsDescRequest(vpc_endpoint_service_id=self.s.service_id,
                                                   body=body))
        eq([(c.id, c.description) for c in response.connections],
           [(self.s.endpoint_id, "shop frontend")], "connections")
        listed = self.list_connections(self.s.service_id, status="accepted")
        eq([(c.id, c.description) for c in listed.connections],
           [(self.s.endpoint_id, "shop frontend")], "listed accepted connections")

    def check_endpoint_accepted_for_consumer(self):
        eq(self.endpoint(self.consumer, self.s.endpoint_id).status, "accepted", "status")
        listed = self.consumer.list_endpoints(v.ListEndpointsRequest(id=self.s.endpoint_id))
        eq([(e.id, e.status) for e in listed.endpoints], [(self.s.endpoint_id, "accepted")],
           "listed endpoint")

    # ---- endpoint settings ----------------------------------------------------------------------

    def check_endpoint_whitelist(self):
        body = v.UpdateEndpointWhiteRequestBody(whitelist=["192.168.0.0/24", "10.1.2.3"],
                                                enable_whitelist=False)
        response = self.consumer.update_endpoint_white(
            v.UpdateEndpointWhiteRequest(vpc_endpoint_id=self.s.endpoint_id, body=body))
        eq((response.whitelist, response.enable_whitelist),
           (["192.168.0.0/24", "10.1.2.3"], False), "response")
        shown = self.endpoint(self.consumer, self.s.endpoint_id)
        eq((shown.whitelist, shown.enable_whitelist), (["192.168.0.0/24", "10.1.2.3"], False),
           "details")
        emptied = self.consumer.update_endpoint_white(v.UpdateEndpointWhiteRequest(
            vpc_endpoint_id=self.s.endpoint_id, body=v.UpdateEndpointWhiteRequestBody(
                whitelist=[], enable_whitelist=False)))
        eq(emptied.whitelist, [], "an empty list removes every entry")
        bad = v.UpdateEndpointWhiteRequestBody(whitelist=["300.1.1.1"])
        service_error(lambda: self.consumer.update_endpoint_white(
            v.UpdateEndpointWhiteRequest(vpc_endpoint_id=self.s.endpoint_id, body=bad)),
            400, "EndPoint.0002")

    def check_endpoint_policy_set(self):
        statement = v.PolicyStatement(effect="Allow", action=["obs:object:GetObject"],
                                      resource=["obs:*:*:object:shop/*"])
        response = self.consumer.update_endpoint_policy(v.UpdateEndpointPolicyRequest(
            vpc_endpoint_id=self.s.endpoint_id,
            body=v.UpdateEndpointPolicyRequestBody(policy_statement=[statement])))
        eq([(p.effect, p.action, p.resource) for p in response.policy_statement or []],
           [("Allow", ["obs:object:GetObject"], ["obs:*:*:object:shop/*"])], "policy_statement")
        shown = self.endpoint(self.consumer, self.s.endpoint_id)
        eq(len(shown.policy_statement or []), 1, "policy statements in details")

    def check_endpoint_policy_document(self):
        document = {"Version": "5.0", "Statement": [
            {"Effect": "Allow", "Action": ["obs:*:*"], "Resource": ["obs:*:*:object:*"]}]}
        response = self.consumer.update_endpoint_policy(v.UpdateEndpointPolicyRequest(
            vpc_endpoint_id=self.s.endpoint_id,
            body=v.UpdateEndpointPolicyRequestBody(policy_document=document)))
        eq(response.policy_document, document, "policy_document")
        eq(self.endpoint(self.consumer, self.s.endpoint_id).policy_document, document,
           "policy_document in details")

    def check_endpoint_policy_delete(self):
        response = self.consumer.delete_endpoint_policy(
            v.DeleteEndpointPolicyRequest(vpc_endpoint_id=self.s.endpoint_id))
        eq((response.policy_statement, response.policy_document), ([], None), "policy")
        shown = self.endpoint(self.consumer, self.s.endpoint_id)
        eq((shown.policy_statement, shown.policy_document), ([], None), "policy in details")

    def check_endpoint_routetables_interface_refused(self):
        body = v.UpdateEndpointRoutetableRequestBody(routetables=[new_id()])
        service_error(lambda: self.consumer.update_endpoint_routetable(
            v.UpdateEndpointRoutetableRequest(vpc_endpoint_id=self.s.endpoint_id, body=body)),
            400, "EndPoint.2013")

    def check_gateway_service_and_endpoint(self):
        created = self.create_service("conf-gw", service_type="gateway",
                                      tags=[v.TagList("env", "prod")])
        eq((created.service_type, created.approval_enabled), ("gateway", False), "service")
        self.wait_service_available(created.id)
        self.permissions_action(created.id, "add", [self.consumer_entry])
        first = new_id()
        endpoint = self.create_endpoint(created.id, routetables=[first])
        eq((endpoint.service_type, endpoint.routetables), ("gateway", [first]), "endpoint")
        # No approval on this service: the endpoint is accepted without the provider.
        self.wait_endpoint_status(self.consumer, endpoint.id, "accepted")
        self.s.gateway_service_id = created.id
        self.s.gateway_endpoint_id = endpoint.id
        self.s.first_routetable = first

    def check_endpoint_routetables(self):
        tables = [self.s.first_routetable, new_id()]
        response = self.consumer.update_endpoint_routetable(v.UpdateEndpointRoutetableRequest(
            vpc_endpoint_id=self.s.gateway_endpoint_id,
            body=v.UpdateEndpointRoutetableRequestBody(routetables=tables)))
        eq(response.routetables, tables, "routetables")
        eq(self.endpoint(self.consumer, self.s.gateway_endpoint_id).routetables, tables,
           "routetables in details")

    def check_endpoint_upgrade(self):
        response = self.consumer.upgrade_endpoint(v.UpgradeEndpointRequest(
            vpc_endpoint_id=self.s.endpoint_id, body=v.UpgradeEndpointRequestBody(action="start")))
        eq(response.status_code, 202, "HTTP status")
        service_error(lambda: self.consumer.upgrade_endpoint(v.UpgradeEndpointRequest(
            vpc_endpoint_id=new_id(), body=v.UpgradeEndpointRequestBody(action="start"))), 404)

    # ---- service settings ----------------------------------------------------------------------

    def check_service_upgrade(self):
        response = self.provider.upgrade_endpoint_service(
            v.UpgradeEndpointServiceRequest(vpc_endpoint_service_id=self.s.service_id))
        eq(response.status_code, 204, "HTTP status")
        eq(self.service(self.s.service_id).supported_editions, ["default", "ipv6"],
           "supported_editions")

    def check_service_update(self):
        ports = [v.PortList(client_port=8080, server_port=80, protocol="TCP"),
                 v.PortList(client_port=8443, server_port=443, protocol="TCP")]
        body = v.UpdateEndpointServiceRequestBody(description="shop API", tcp_proxy="toa_open",
                                                  ports=ports, approval_enabled=True)
        response = self.provider.update_endpoint_service(v.UpdateEndpointServiceRequest(
            vpc_endpoint_service_id=self.s.service_id, body=body))
        expected = ("shop API", "toa_open", [(8080, 80), (8443, 443)], True)
        eq((response.description, response.tcp_proxy,
            [(p.client_port, p.server_port) for p in response.ports], response.approval_enabled),
           expected, "response")
        shown = self.service(self.s.service_id)
        eq((shown.description, shown.tcp_proxy,
            [(p.client_port, p.server_port) for p in shown.ports], shown.approval_enabled),
           expected, "details")

    def check_service_rename(self):
        response = self.provider.update_endpoint_service_name(
            v.UpdateEndpointServiceNameRequest(
                vpc_endpoint_service_id=self.s.service_id,
                body=v.UpdateEndpointServiceNameRequestBody(endpoint_service_name="conf-shop")))
        full = f"{self.region}.conf-shop.{self.s.service_id}"
        eq(response.endpoint_service_name, full, "endpoint_service_name")
        eq(self.service(self.s.service_id).service_name, full, "service_name in details")
        described = self.consumer.list_service_describe_details(
            v.ListServiceDescribeDetailsRequest(endpoint_service_name=full))
        eq(described.id, self.s.service_id, "described by the new name")
        self.s.service_name = full

    def check_service_public_list(self):
        response = self.consumer.list_service_public_details(v.ListServicePublicDetailsRequest())
        eq(response.total_count, 3, "total_count")
        names = sorted(s.service_name for s in response.endpoint_services)
        eq(names, sorted(f"{self.region}.{n}" for n in ("obs", "dns", "apig")), "service names")
        eq({s.owner for s in response.endpoint_services}, {"cloud"}, "owners")
        page = self.consumer.list_service_public_details(
            v.ListServicePublicDetailsRequest(limit=2, offset=2))
        eq((len(page.endpoint_services), page.total_count), (1, 3), "page at offset 2")

    def check_service_public_ids_unique(self):
        response = self.consumer.list_service_public_details(v.ListServicePublicDetailsRequest())
        ids = {s.service_name: s.id for s in response.endpoint_services}
        eq(len(set(ids.values())), len(ids), f"distinct ids of {ids}")
        for name, service_id in ids.items():
            found = self.consumer.list_service_public_details(
                v.ListServicePublicDetailsRequest(id=service_id))
            eq([s.service_name for s in found.endpoint_services], [name], f"id={service_id}")

    def check_service_add_server_resources(self):
        def add(resources):
            return self.provider.add_endpoint_service_server_resource(
                v.AddEndpointServiceServerResourceRequest(
                    vpc_endpoint_service_id=self.s.service_id,
                    body=v.AddEndpointServiceServerResourceRequestBody(server_resources=resources)))
        response = add([v.ServerResource(resource_id=new_id(),
                                         availability_zone_id=f"{self.region}a")])
        eq(response.status_code, 204, "HTTP status")
        service_error(lambda: add([]), 400, "EndPoint.0002")

    def check_quotas_used(self):
        eq(self.quotas(self.provider, "endpoint_service"), {"endpoint_service": (2, 20)},
           "provider services")
        eq(self.quotas(self.consumer), {"endpoint_service": (0, 20), "endpoint": (2, 50)},
           "consumer quotas")

    # ---- tags ----------------------------------------------------------------------------------

    def check_tags_add(self):
        response = self.tag_action("endpoint_service", self.s.service_id, "create",
                                   [("team", "net"), ("tier", "gold"), ("tmp", "x")])
        eq(response.status_code, 204, "HTTP status")
        eq(tag_pairs(self.service(self.s.service_id).tags),
           [("env", "test"), ("team", "net"), ("tier", "gold"), ("tmp", "x")], "tags")
        service_error(lambda: self.tag_action("endpoint_service", self.s.service_id, "create",
                                              [("_sys_owner", "me")]), 400, "EndPoint.0002")

    def check_tags_remove(self):
        # A key with its value removes that pair; a key alone removes the key.
        response = self.tag_action("endpoint_service", self.s.service_id, "delete",
                                   [("tier", "gold"), ("tmp", None)])
        eq(response.status_code, 204, "HTTP status")
        eq(tag_pairs(self.service(self.s.service_id).tags), [("env", "test"), ("team", "net")],
           "tags")

    def check_tags_remove_other_value_keeps_tag(self):
        # The spec (ResourceTag.value): "When removing, a value removes only that key/value pair".
        service_id = self.s.service_id
        self.tag_action("endpoint_service", service_id, "create", [("keep", "yes")])
        try:
            self.tag_action("endpoint_service", service_id, "delete", [("keep", "no")])
            eq(tag_pairs(self.service(service_id).tags),
               [("env", "test"), ("keep", "yes"), ("team", "net")], "tags after removing keep=no")
        finally:
            self.tag_action("endpoint_service", service_id, "delete", [("keep", None)])

    def check_tags_project(self):
        response = self.provider.list_query_project_resource_tags(
            v.ListQueryProjectResourceTagsRequest(resource_type="endpoint_service"))
        eq({t.key: sorted(t.values) for t in response.tags},
           {"env": ["prod", "test"], "team": ["net"]}, "project tags")
        endpoints = self.consumer.list_query_project_resource_tags(
            v.ListQueryProjectResourceTagsRequest(resource_type="endpoint"))
        eq({t.key: t.values for t in endpoints.tags}, {"app": ["shop"]}, "consumer's endpoint tags")

    def check_tags_filter_paging(self):
        env = [v.TagValuesList(key="env", values=[])]
        pages = [self.find_by_tag(self.provider, "endpoint_service", action="filter", tags=env,
                                  limit="1", offset=str(offset)) for offset in range(3)]
        eq([(len(p.resources), p.total_count) for p in pages], [(1, 2), (1, 2), (0, 2)],
           "pages of 1 (items, total_count)")
        eq(sorted(p.resources[0].resource_id for p in pages[:2]),
           sorted([self.s.service_id, self.s.gateway_service_id]), "resource ids across pages")
        test = self.find_by_tag(self.provider, "endpoint_service", action="filter",
                                tags=[v.TagValuesList(key="env", values=["test"])])
        eq([(r.resource_id, r.resource_name) for r in test.resources],
           [(self.s.service_id, self.s.service_name)], "env=test")
        eq(tag_pairs(test.resources[0].tags), [("env", "test"), ("team", "net")], "tags")
        named = self.find_by_tag(self.provider, "endpoint_service", action="filter",
                                 matches=[v.Match(key="resource_name", value="conf-shop")])
        eq([r.resource_id for r in named.resources], [self.s.service_id], "resource_name match")
        for limit in ("0", "1001", "ten"):
            service_error(lambda: self.find_by_tag(self.provider, "endpoint_service",
                                                   action="filter", limit=limit),
                          400, "EndPoint.0002")
        endpoints = self.find_by_tag(self.consumer, "endpoint", action="filter",
                                     tags_any=[v.TagValuesList(key="app", values=["shop"])])
        eq([r.resource_id for r in endpoints.resources], [self.s.endpoint_id],
           "consumer's endpoints with app=shop")

    def check_tags_not_tags(self):
        # The spec: not_tags leaves out "resources that carry all of these tags".
        response = self.find_by_tag(self.provider, "endpoint_service", action="filter",
                                    not_tags=[v.TagValuesList(key="env", values=[]),
                                              v.TagValuesList(key="team", values=[])])
        eq([r.resource_id for r in response.resources], [self.s.gateway_service_id],
           "services without both env and team")

    def check_tags_not_tags_any(self):
        # The spec: not_tags_any leaves out "resources that carry any of these tags".
        response = self.find_by_tag(self.provider, "endpoint_service", action="filter",
                                    not_tags_any=[v.TagValuesList(key="env", values=[]),
                                                  v.TagValuesList(key="team", values=[])])
        eq([r.resource_id for r in response.resources], [], "services with neither env nor team")

    def check_tags_count(self):
        response = self.find_by_tag(self.provider, "endpoint_service", action="count",
                                    tags=[v.TagValuesList(key="env", values=["prod", "test"])])
        eq(response.total_count, 2, "total_count of services with env prod or test")
        expect(not response.resources, f"count returned resources: {response.resources}")

    # ---- paging ----------------------------------------------------------------------------------

    def check_services_paging(self):
        for n in range(3):
            created = self.create_service(f"conf-page{n}")
            self.wait_service_available(created.id)

        def page(**query):
            return self.provider.list_endpoint_service(v.ListEndpointServiceRequest(**query))
        everything = page(limit=1000)
        eq(everything.total_count, 5, "total_count")
        order = [s.id for s in everything.endpoint_services]
        self.s.all_service_ids = order
        pages = [page(limit=2, offset=offset) for offset in (0, 2, 4, 5, 100)]
        eq([(len(p.endpoint_services), p.total_count) for p in pages],
           [(2, 5), (2, 5), (1, 5), (0, 5), (0, 5)], "pages (items, total_count)")
        eq([s.id for p in pages for s in p.endpoint_services], order, "pages concatenated")
        ascending = page(limit=1000, sort_dir="asc", sort_key="create_at")
        eq([s.id for s in ascending.endpoint_services], order[::-1], "sort_dir=asc")
        named = page(endpoint_service_name="conf-page")
        eq(named.total_count, 3, "filtered by name")
        one = page(id=self.s.service_id)
        eq([(s.id, s.connection_count, s.domain_id) for s in one.endpoint_services],
           [(self.s.service_id, 1, self.provider_tenant["domain_id"])], "filtered by id")
        for limit in (0, 1001):
            service_error(lambda: page(limit=limit), 400, "EndPoint.0002")

    def check_services_filter_public_border_group(self):
        def listed(group):
            return self.provider.list_endpoint_service(
                v.ListEndpointServiceRequest(public_border_group=group, limit=1000))
        eq(listed("center").total_count, 5, "services in border group center")
        eq(listed("edge-nowhere").total_count, 0, "services in border group edge-nowhere")

    def check_tags_without_any_tag(self):
        # The spec: "only untagged resources are returned and the tag conditions are ignored".
        untagged = sorted(set(self.s.all_service_ids)
                          - {self.s.service_id, self.s.gateway_service_id})
        alone = self.find_by_tag(self.provider, "endpoint_service", action="filter",
                                 without_any_tag=True)
        eq(sorted(r.resource_id for r in alone.resources), untagged, "untagged services")
        with_tags = self.find_by_tag(self.provider, "endpoint_service", action="filter",
                                     without_any_tag=True,
                                     tags=[v.TagValuesList(key="env", values=[])])
        eq(sorted(r.resource_id for r in with_tags.resources), untagged,
           "untagged services, tags condition ignored")

    def check_endpoints_paging(self):
        extra = [self.create_endpoint(self.s.service_id, subnet_id=new_id()).id for _ in range(2)]
        self.s.extra_endpoint_ids = extra

        def page(**query):
            return self.consumer.list_endpoints(v.ListEndpointsRequest(**query))
        everything = page(limit=1000)
        eq(everything.total_count, 4, "total_count")
        order = [e.id for e in everything.endpoints]
        eq(sorted(order), sorted(extra + [self.s.endpoint_id, self.s.gateway_endpoint_id]), "ids")
        pages = [page(limit=3, offset=offset) for offset in (0, 3, 4)]
        eq([(len(p.endpoints), p.total_count) for p in pages], [(3, 4), (1, 4), (0, 4)],
           "pages (items, total_count)")
        eq([e.id for p in pages for e in p.endpoints], order, "pages concatenated")
        connections = [self.list_connections(self.s.service_id, limit=2, offset=o)
                       for o in (0, 2)]
        eq([(len(p.connections), p.total_count) for p in connections], [(2, 3), (1, 3)],
           "connection pages")

    def check_connections_reject(self):
        rejected, waiting = self.s.extra_endpoint_ids
        self.wait_endpoint_status(self.consumer, rejected, "pendingAcceptance")
        body = v.AcceptOrRejectEndpointRequestBody(action="reject", endpoints=[rejected])
        response = self.provider.accept_or_reject_endpoint(v.AcceptOrRejectEndpointRequest(
            vpc_endpoint_service_id=self.s.service_id, body=body))
        eq([(c.id, c.status) for c in response.connections], [(rejected, "rejected")],
           "connections")
        eq(self.endpoint(self.consumer, rejected).status, "rejected", "status for the consumer")
        by_status = {status: [c.id for c in self.list_connections(
            self.s.service_id, status=status).connections]
            for status in ("accepted", "rejected", "pendingAcceptance")}
        eq(by_status, {"accepted": [self.s.endpoint_id], "rejected": [rejected],
                       "pendingAcceptance": [waiting]}, "connections by status")

    # ---- refusals ------------------------------------------------------------------------------

    def check_not_found(self):
        missing = new_id()
        error = service_error(lambda: self.service(missing), 404, "EndPoint.0005")
        expect(missing in error.error_msg, f"error_msg does not name the id: {error.error_msg!r}")
        service_error(lambda: self.endpoint(self.consumer, missing), 404, "EndPoint.0005")

    def check_isolation_between_tenants(self):
        service_error(lambda: self.endpoint(self.provider, self.s.endpoint_id), 404,
                      "EndPoint.0005")
        service_error(lambda: self.consumer.list_service_details(v.ListServiceDetailsRequest(
            vpc_endpoint_service_id=self.s.service_id)), 404, "EndPoint.0005")

    def check_invalid_bodies(self):
        def create(body):
            return self.provider.create_endpoint_service(v.CreateEndpointServiceRequest(body=body))
        error = service_error(lambda: create(self.service_body(ports=[
            v.PortList(client_port=70000, server_port=80, protocol="TCP")])), 400, "EndPoint.0002")
        expect("70000" in error.error_msg, f"error_msg does not name the port: {error.error_msg!r}")
        service_error(lambda: create(self.service_body(ports=[
            v.PortList(client_port=80, server_port=80, protocol="TCP"),
            v.PortList(client_port=80, server_port=81, protocol="TCP")])), 400, "EndPoint.0002")
        service_error(lambda: create(self.service_body(server_type="BOX")), 400, "EndPoint.0002")
        service_error(lambda: create(self.service_body(short_name="no spaces allowed")), 400,
                      "EndPoint.0002")
        markup = v.UpdateEndpointServiceRequestBody(description="<b>shop</b>")
        service_error(lambda: self.provider.update_endpoint_service(v.UpdateEndpointServiceRequest(
            vpc_endpoint_service_id=self.s.service_id, body=markup)), 400, "EndPoint.0002")
        eq(len(self.s.all_service_ids), self.quotas(self.provider)["endpoint_service"][0],
           "refused creations created nothing")

    def check_delete_service_with_endpoints_refused(self):
        service_error(lambda: self.provider.delete_endpoint_service(v.DeleteEndpointServiceRequest(
            vpc_endpoint_service_id=self.s.service_id)), 400, "EndPoint.2013")
        eq(self.service(self.s.service_id).status, "available", "status after refused delete")

    # ---- deletes -------------------------------------------------------------------------------

    def check_delete_endpoints(self):
        ids = [self.s.endpoint_id, self.s.gateway_endpoint_id] + self.s.extra_endpoint_ids
        for endpoint_id in ids:
            response = self.consumer.delete_endpoint(
                v.DeleteEndpointRequest(vpc_endpoint_id=endpoint_id))
            eq(response.status_code, 204, "HTTP status")
        if self.delayed:
            eq(self.endpoint(self.consumer, self.s.endpoint_id).status, "deleting", "status")
        for endpoint_id in ids:
            wait_for(lambda: gone(lambda: self.endpoint(self.consumer, endpoint_id)), bool,
                     f"endpoint {endpoint_id} gone")
        eq(self.consumer.list_endpoints(v.ListEndpointsRequest()).total_count, 0, "endpoints left")

    def check_delete_services(self):
        for service_id in self.s.all_service_ids:
            response = self.provider.delete_endpoint_service(
                v.DeleteEndpointServiceRequest(vpc_endpoint_service_id=service_id))
            eq(response.status_code, 204, "HTTP status")
        for service_id in self.s.all_service_ids:
            wait_for(lambda: gone(lambda: self.service(service_id)), bool,
                     f"service {service_id} gone")
        service_error(lambda: self.service(self.s.service_id), 404, "EndPoint.0005")
        eq(self.quotas(self.provider, "endpoint_service"), {"endpoint_service": (0, 20)},
           "quota used after deletes")

    def checks(self):
        return [(name[len("check_"):].replace("_", "-"), getattr(self, name))
                for name in CHECK_ORDER]


# The check_ methods run in the order they are defined.
CHECK_ORDER = [name for name in vars(Scenario) if name.startswith("check_")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--tenants", required=True)
    parser.add_argument("--region", default="cn-north-4")
    parser.add_argument("--lifecycle-delay-ms", type=int, default=0)
    parser.add_argument("--checks", default="scenario",
                        help="comma-separated: scenario (the 33-operation walk), probe (regions)")
    args = parser.parse_args()
    with open(args.tenants) as f:
        tenants = json.load(f)
    scenario = Scenario(args.endpoint, tenants, args.region, args.lifecycle_delay_ms)
    wanted = set(args.checks.split(","))
    checks = scenario.checks() if "scenario" in wanted else []
    if "probe" in wanted:
        checks += RegionProbe(scenario.provider, args.region).checks()
    runner = Runner()
    for name, check in checks:
        runner.run(name, check)
    print(f"{runner.passed} passed, {runner.failed} failed")
    return 1 if runner.failed else 0


if __name__ == "__main__":
    sys.exit(main())
