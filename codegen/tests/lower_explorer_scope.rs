//! Where an API Explorer service lives and whose id scopes it, read from the exports alone:
//! the host template, the service name, project or account scope, and the refusal of exports
//! that sign requests in a scheme of their own.

mod support;

use specbind_codegen::model::CredentialScope;
use support::Scratch;

/// A Swagger 2.0 export in API Explorer's wrapper with one GET operation on `path`.
fn export(product: &str, host: &str, path: &str, extra_params: &str) -> String {
    let mut params = Vec::new();
    for name in path.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')) {
        params.push(format!(r#"{{"name":"{name}","in":"path","required":true,"type":"string"}}"#));
    }
    if !extra_params.is_empty() {
        params.push(extra_params.to_string());
    }
    let id: String = path.split('/').filter(|s| !s.is_empty() && !s.starts_with('{')).collect();
    format!(
        r#"{{"version":"2.0","host":"{host}","region_id":"cn-north-4","product_short":"{product}",
        "consumes":"[\"application/json\"]","definitions":{{}},
        "paths":{{"{path}":{{"get":{{"operationId":"Get{id}","parameters":[{}],
        "responses":{{"200":{{"description":"ok"}}}}}}}}}}}}"#,
        params.join(",")
    )
}

#[test]
fn a_regional_service_gets_a_region_template_and_project_scope() {
    let s = Scratch::new();
    s.write(
        "svc/A.json",
        &export("Svc", "svc.cn-north-4.myhuaweicloud.com", "/v1/{project_id}/things", ""),
    );
    let api = s.lower_ok("svc");
    assert_eq!(api.service.as_deref(), Some("svc"));
    assert_eq!(api.host.as_deref(), Some("svc.{region}.myhuaweicloud.com"));
    assert_eq!(api.scope, CredentialScope::Project);
    let project = &api.operations["Getv1things"].params[0];
    assert_eq!(project.client_param.as_deref(), Some("project_id"));
}

#[test]
fn a_service_addressing_projects_as_resources_is_scoped_by_the_account() {
    let s = Scratch::new();
    let host = "ident.cn-north-4.myhuaweicloud.com";
    s.write("ident/A.json", &export("Ident", host, "/v3/projects/{project_id}", ""));
    s.write("ident/B.json", &export("Ident", host, "/v3/domains/{domain_id}/things", ""));
    let api = s.lower_ok("ident");
    assert_eq!(api.scope, CredentialScope::Domain);
    let project = &api.operations["Getv3projects"].params[0];
    assert_eq!(project.client_param, None, "a project named as a resource is the caller's to give");
    let domain = &api.operations["Getv3domainsthings"].params[0];
    assert_eq!(domain.client_param.as_deref(), Some("domain_id"));
}

#[test]
fn a_global_host_stays_as_it_is_and_scopes_by_the_account() {
    let s = Scratch::new();
    s.write("eps/A.json", &export("EPS", "eps.myhuaweicloud.com", "/v1.0/enterprise-projects", ""));
    let api = s.lower_ok("eps");
    assert_eq!(api.host.as_deref(), Some("eps.myhuaweicloud.com"));
    assert_eq!(api.scope, CredentialScope::Domain);
}

#[test]
fn an_export_that_signs_with_its_own_authorization_header_is_refused_with_the_reason() {
    let s = Scratch::new();
    let own = r#"{"name":"Authorization","in":"header","required":true,"type":"string"}"#;
    s.write("store/A.json", &export("Store", "store.cn-north-4.myhuaweicloud.com", "/", own));
    s.write(
        "store/B.json",
        &export("Store", "store.cn-north-4.myhuaweicloud.com", "/v1/{project_id}/b", ""),
    );
    let errors = s.lower_err("store").join("\n");
    assert!(errors.contains("store/A.json#/paths/~1/get/parameters/0: the operation requires an `Authorization` header of its own"), "{errors}");
    let options = specbind_codegen::Options { skip_invalid: true, strict: false };
    let api = s.lower_with("store", options).expect("the other operation binds");
    assert_eq!(api.operations.keys().collect::<Vec<_>>(), ["Getv1b"]);
}
