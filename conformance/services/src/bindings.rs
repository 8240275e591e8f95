//! The bindings under test, generated from the published API Explorer exports as a user would
//! bind them (`spec_crate`, `skip_invalid`: a few exports are empty or not API documents).

#[specbind::bindings(spec_crate = "huawei-cloud-api-definitions-ECS", skip_invalid = true)]
pub mod ecs {}

#[specbind::bindings(spec_crate = "huawei-cloud-api-definitions-VPC", skip_invalid = true)]
pub mod vpc {}

#[specbind::bindings(spec_crate = "huawei-cloud-api-definitions-EVS", skip_invalid = true)]
pub mod evs {}

#[specbind::bindings(spec_crate = "huawei-cloud-api-definitions-IAM", skip_invalid = true)]
pub mod iam {}

#[specbind::bindings(spec_crate = "huawei-cloud-api-definitions-DNS", skip_invalid = true)]
pub mod dns {}

/// ELB, one module per export: the generator refuses the ELB exports as one module because two
/// pairs of files share an operationId (`CreateHealthmonitor.json` / `CreateHealthMonitor.json`,
/// `UpdateL7rule.json` / `UpdateL7Rule.json`). The `ELB` bind case in `bind.rs` fails until it
/// accepts them; then these collapse into one `elb` module like the others.
pub mod elb {
    #[specbind::bindings(
        spec_crate = "huawei-cloud-api-definitions-ELB",
        spec = "src/BatchCreateLoadbalancerTags.json"
    )]
    pub mod batch_create_loadbalancer_tags {}
    #[specbind::bindings(
        spec_crate = "huawei-cloud-api-definitions-ELB",
        spec = "src/CreateLoadbalancer.json"
    )]
    pub mod create_loadbalancer {}
    #[specbind::bindings(
        spec_crate = "huawei-cloud-api-definitions-ELB",
        spec = "src/ListLoadBalancers.json"
    )]
    pub mod list_loadbalancers {}
    #[specbind::bindings(
        spec_crate = "huawei-cloud-api-definitions-ELB",
        spec = "src/UpdateMember.json"
    )]
    pub mod update_member {}
    #[specbind::bindings(
        spec_crate = "huawei-cloud-api-definitions-ELB",
        spec = "src/BatchDeleteMembers.json"
    )]
    pub mod batch_delete_members {}
    #[specbind::bindings(
        spec_crate = "huawei-cloud-api-definitions-ELB",
        spec = "src/CreateHealthMonitor.json"
    )]
    pub mod create_health_monitor {}
    #[specbind::bindings(
        spec_crate = "huawei-cloud-api-definitions-ELB",
        spec = "src/CreateIpGroup.json"
    )]
    pub mod create_ip_group {}
    #[specbind::bindings(
        spec_crate = "huawei-cloud-api-definitions-ELB",
        spec = "src/CreateMember.json"
    )]
    pub mod create_member {}
    #[specbind::bindings(
        spec_crate = "huawei-cloud-api-definitions-ELB",
        spec = "src/DeleteLoadBalancer.json"
    )]
    pub mod delete_load_balancer {}
    #[specbind::bindings(
        spec_crate = "huawei-cloud-api-definitions-ELB",
        spec = "src/ListAllMembers.json"
    )]
    pub mod list_all_members {}
    #[specbind::bindings(
        spec_crate = "huawei-cloud-api-definitions-ELB",
        spec = "src/ListCertificates.json"
    )]
    pub mod list_certificates {}
    #[specbind::bindings(
        spec_crate = "huawei-cloud-api-definitions-ELB",
        spec = "src/ShowLoadBalancer.json"
    )]
    pub mod show_load_balancer {}
    #[specbind::bindings(
        spec_crate = "huawei-cloud-api-definitions-ELB",
        spec = "src/ShowLoadBalancerPorts.json"
    )]
    pub mod show_load_balancer_ports {}
    #[specbind::bindings(
        spec_crate = "huawei-cloud-api-definitions-ELB",
        spec = "src/UpdateHealthmonitor.json"
    )]
    pub mod update_health_monitor {}
}
