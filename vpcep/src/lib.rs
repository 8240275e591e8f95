//! Huawei Cloud VPC Endpoint (VPCEP) bindings.
