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

#[specbind::bindings(spec_crate = "huawei-cloud-api-definitions-ELB", skip_invalid = true)]
pub mod elb {}
