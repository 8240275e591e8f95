//! Malformed input is a VPCEP-shaped 4xx (`error_code` + `error_msg`), never a 500: bodies that
//! are not JSON, fields of the wrong type, missing required fields, unknown enum values, values
//! out of range, and paging parameters outside 1..=1000.

mod support;

use serde_json::json;
use support::{Call, Reply, endpoints_path, service_body, services_path};
use vpcep_sim::{RunningSimulator, Simulator, Tenant};

async fn start() -> (RunningSimulator, Tenant) {
    let sim = Simulator::builder().start().await.expect("simulator starts");
    let provider = sim.tenants()[0].clone();
    (sim, provider)
}

async fn create_service(
    sim: &RunningSimulator,
    tenant: &Tenant,
    body: &serde_json::Value,
) -> Reply {
    Call::new(tenant, "POST", services_path(tenant, "")).body(body.to_string()).send(sim).await
}

#[tokio::test]
async fn a_valid_raw_request_is_accepted() {
    // The baseline every rejection below is measured against: the same helper, a valid body.
    let (sim, provider) = start().await;
    let reply = create_service(&sim, &provider, &service_body(80, 8080)).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.body["ports"][0]["server_port"], 8080);
    assert!(reply.header("x-request-id").is_some_and(|id| !id.is_empty()));
}

#[tokio::test]
async fn malformed_json_is_400() {
    let (sim, provider) = start().await;
    for body in [&b"{\"port_id\": "[..], b"not json", b"{\"port_id\":\"p\",}", b"\xff\xfe"] {
        let reply =
            Call::new(&provider, "POST", services_path(&provider, "")).body(body).send(&sim).await;
        reply.assert_error(400, "EndPoint.0002");
        assert!(reply.message().contains("invalid request body"), "{}", reply.message());
    }
}

#[tokio::test]
async fn a_missing_body_is_400() {
    let (sim, provider) = start().await;
    let reply =
        Call::new(&provider, "POST", services_path(&provider, "")).body("").send(&sim).await;
    reply.assert_error(400, "EndPoint.0002");
    assert!(reply.message().contains("missing"), "{}", reply.message());
}

#[tokio::test]
async fn wrong_types_name_the_field() {
    let (sim, provider) = start().await;
    let cases = [
        (json!({"ports": "80"}), "ports"),
        (json!({"ports": [{"client_port": "eighty", "server_port": 8080}]}), "client_port"),
        (json!({"ports": [{"client_port": 5_000_000_000i64, "server_port": 8080}]}), "client_port"),
        (json!({"approval_enabled": "yes"}), "approval_enabled"),
        (json!({"vpc_id": 7}), "vpc_id"),
    ];
    for (change, field) in cases {
        let mut body = service_body(80, 8080);
        body.as_object_mut().unwrap().extend(change.as_object().unwrap().clone());
        let reply = create_service(&sim, &provider, &body).await;
        reply.assert_error(400, "EndPoint.0002");
        assert!(reply.message().contains(field), "`{field}` not named in {}", reply.message());
    }
    for body in ["null", "[]", "\"text\"", "42"] {
        let reply =
            Call::new(&provider, "POST", services_path(&provider, "")).body(body).send(&sim).await;
        reply.assert_error(400, "EndPoint.0002");
    }
}

#[tokio::test]
async fn missing_required_fields_are_named() {
    let (sim, provider) = start().await;
    for field in ["port_id", "vpc_id", "server_type", "ports"] {
        let mut body = service_body(80, 8080);
        body.as_object_mut().unwrap().remove(field);
        let reply = create_service(&sim, &provider, &body).await;
        reply.assert_error(400, "EndPoint.0002");
        assert!(reply.message().contains(field), "`{field}` not named in {}", reply.message());
    }
    let reply = Call::new(&provider, "POST", endpoints_path(&provider, ""))
        .body(json!({"vpc_id": "vpc-1"}).to_string())
        .send(&sim)
        .await;
    reply.assert_error(400, "EndPoint.0002");
    assert!(reply.message().contains("endpoint_service_id"), "{}", reply.message());
}

#[tokio::test]
async fn unknown_enum_values_are_400() {
    let (sim, provider) = start().await;
    let cases = [
        json!({"server_type": "MAINFRAME"}),
        json!({"service_type": "tunnel"}),
        json!({"tcp_proxy": "sometimes"}),
        json!({"ports": [{"client_port": 80, "server_port": 8080, "protocol": "UDP"}]}),
    ];
    for change in cases {
        let mut body = service_body(80, 8080);
        body.as_object_mut().unwrap().extend(change.as_object().unwrap().clone());
        let reply = create_service(&sim, &provider, &body).await;
        reply.assert_error(400, "EndPoint.0002");
        assert!(reply.message().contains("expected one of"), "{}", reply.message());
    }
    let service = create_service(&sim, &provider, &service_body(80, 8080)).await.body["id"]
        .as_str()
        .unwrap()
        .to_string();
    let actions = [
        ("/permissions/action", json!({"permissions": ["*"], "action": "grant"})),
        ("/connections/action", json!({"endpoints": ["x"], "action": "approve"})),
    ];
    for (rest, body) in actions {
        let reply =
            Call::new(&provider, "POST", services_path(&provider, &format!("/{service}{rest}")))
                .body(body.to_string())
                .send(&sim)
                .await;
        reply.assert_error(400, "EndPoint.0002");
    }
    let tags = format!("/v1/{}/endpoint_service/{service}/tags/action", provider.project_id);
    let reply = Call::new(&provider, "POST", tags)
        .body(json!({"action": "update", "tags": [{"key": "a"}]}).to_string())
        .send(&sim)
        .await;
    reply.assert_error(400, "EndPoint.0002");
    let bad_kind = format!("/v1/{}/gizmo/tags", provider.project_id);
    Call::new(&provider, "GET", bad_kind).send(&sim).await.assert_error(400, "EndPoint.0002");
    for (key, value) in [("sort_dir", "sideways"), ("sort_key", "name"), ("status", "sleeping")] {
        let reply = Call::new(&provider, "GET", services_path(&provider, ""))
            .query(key, value)
            .send(&sim)
            .await;
        reply.assert_error(400, "EndPoint.0002");
        assert!(reply.message().contains(key), "{}", reply.message());
    }
    let quotas = format!("/v1/{}/quotas", provider.project_id);
    let reply = Call::new(&provider, "GET", quotas).query("type", "vpc").send(&sim).await;
    reply.assert_error(400, "EndPoint.0002");
}

#[tokio::test]
async fn unknown_ip_version_is_400() {
    let (sim, provider) = start().await;
    let mut body = service_body(80, 8080);
    body["ip_version"] = json!("ipv9");
    create_service(&sim, &provider, &body).await.assert_error(400, "EndPoint.0002");
}

#[tokio::test]
async fn ports_out_of_range_or_repeated_are_400() {
    let (sim, provider) = start().await;
    for (client, server) in [(0, 8080), (80, 0), (70_000, 8080), (80, 70_000), (-1, 8080)] {
        let reply = create_service(&sim, &provider, &service_body(client, server)).await;
        reply.assert_error(400, "EndPoint.0002");
        assert!(reply.message().contains("1-65535"), "{}", reply.message());
    }
    let mut repeated = service_body(80, 8080);
    repeated["ports"] = json!([
        {"client_port": 80, "server_port": 8080, "protocol": "TCP"},
        {"client_port": 80, "server_port": 8081, "protocol": "TCP"},
    ]);
    let reply = create_service(&sim, &provider, &repeated).await;
    reply.assert_error(400, "EndPoint.0002");
    assert!(reply.message().contains("repeats"), "{}", reply.message());
    let mut none = service_body(80, 8080);
    none["ports"] = json!([]);
    create_service(&sim, &provider, &none).await.assert_error(400, "EndPoint.0002");
    let mut too_many = service_body(80, 8080);
    too_many["ports"] =
        (1..=201).map(|p| json!({"client_port": p, "server_port": p, "protocol": "TCP"})).collect();
    create_service(&sim, &provider, &too_many).await.assert_error(400, "EndPoint.0002");
    // Nothing above was stored.
    let list = Call::new(&provider, "GET", services_path(&provider, "")).send(&sim).await;
    assert_eq!(list.body["total_count"], 0);
}

#[tokio::test]
async fn oversize_values_are_400() {
    let (sim, provider) = start().await;
    let mut long_name = service_body(80, 8080);
    long_name["service_name"] = json!("a".repeat(17));
    create_service(&sim, &provider, &long_name).await.assert_error(400, "EndPoint.0002");
    let mut reserved = service_body(80, 8080);
    reserved["tags"] = json!([{"key": "_sys_owner", "value": "x"}]);
    create_service(&sim, &provider, &reserved).await.assert_error(400, "EndPoint.0002");
    let mut long_value = service_body(80, 8080);
    long_value["tags"] = json!([{"key": "k", "value": "v".repeat(256)}]);
    create_service(&sim, &provider, &long_value).await.assert_error(400, "EndPoint.0002");
    // A body over the 1 MiB limit is refused whole.
    let mut huge = service_body(80, 8080);
    huge["description"] = json!("x".repeat(1_100_000));
    let reply = create_service(&sim, &provider, &huge).await;
    assert!((400..500).contains(&reply.status), "status {}", reply.status);
}

#[tokio::test]
async fn an_overlong_or_marked_up_description_is_400() {
    let (sim, provider) = start().await;
    for description in ["d".repeat(513), "<script>".to_string()] {
        let mut body = service_body(80, 8080);
        body["description"] = json!(description);
        create_service(&sim, &provider, &body).await.assert_error(400, "EndPoint.0002");
    }
}

#[tokio::test]
async fn limit_and_offset_out_of_range_are_400() {
    let (sim, provider) = start().await;
    let paths = [
        services_path(&provider, ""),
        endpoints_path(&provider, ""),
        services_path(&provider, "/public"),
    ];
    for path in paths {
        for (key, value) in [("limit", "0"), ("limit", "1001"), ("limit", "ten"), ("offset", "-1")]
        {
            let reply = Call::new(&provider, "GET", &path).query(key, value).send(&sim).await;
            reply.assert_error(400, "EndPoint.0002");
            assert!(reply.message().contains(key), "{}", reply.message());
        }
        for limit in ["1", "1000"] {
            let reply = Call::new(&provider, "GET", &path).query("limit", limit).send(&sim).await;
            assert_eq!(reply.status, 200, "limit={limit} on {path}");
        }
    }
    let find = format!("/v1/{}/endpoint/resource_instances/action", provider.project_id);
    for limit in ["0", "1001"] {
        let reply = Call::new(&provider, "POST", &find)
            .body(json!({"action": "filter", "limit": limit}).to_string())
            .send(&sim)
            .await;
        reply.assert_error(400, "EndPoint.0002");
    }
}

#[tokio::test]
async fn other_bodies_are_checked_too() {
    let (sim, provider) = start().await;
    let service = create_service(&sim, &provider, &service_body(80, 8080)).await.body["id"]
        .as_str()
        .unwrap()
        .to_string();
    let one = |rest: &str| services_path(&provider, &format!("/{service}{rest}"));
    let cases = [
        (
            "POST",
            one("/permissions/action"),
            json!({"permissions": ["iam:domain::short"], "action": "add"}),
        ),
        (
            "POST",
            one("/permissions/batch-create"),
            json!({"permissions": [{"permission": "*", "description": "<b>"}]}),
        ),
        ("PUT", one("/connections/description"), json!({"connections": []})),
        ("PUT", one("/name"), json!({"endpoint_service_name": "has space"})),
        ("PUT", one(""), json!({"ports": [{"client_port": 80, "server_port": 0}]})),
        (
            "POST",
            format!(
                "/v2/{}/vpc-endpoint-services/{service}/add-server-resources",
                provider.project_id
            ),
            json!({"server_resources": []}),
        ),
        (
            "POST",
            endpoints_path(&provider, ""),
            json!({"endpoint_service_id": service, "vpc_id": "v", "whitelist": ["10.0.0.0/33"]}),
        ),
        (
            "POST",
            endpoints_path(&provider, ""),
            json!({"endpoint_service_id": service, "vpc_id": "v", "policy_statement": [{"Effect": "Maybe", "Action": ["*"], "Resource": ["*"]}]}),
        ),
        (
            "POST",
            endpoints_path(&provider, ""),
            json!({"endpoint_service_id": service, "vpc_id": "v"}),
        ),
    ];
    for (method, path, body) in cases {
        let reply = Call::new(&provider, method, &path).body(body.to_string()).send(&sim).await;
        assert_eq!(reply.status, 400, "{method} {path} {body}: {}", reply.text());
        assert_eq!(reply.code(), "EndPoint.0002", "{method} {path} {body}");
    }
    let describe =
        Call::new(&provider, "GET", services_path(&provider, "/describe")).send(&sim).await;
    describe.assert_error(400, "EndPoint.0002");
}

#[tokio::test]
async fn no_malformed_request_is_a_500() {
    let (sim, provider) = start().await;
    let service = create_service(&sim, &provider, &service_body(80, 8080)).await.body["id"]
        .as_str()
        .unwrap()
        .to_string();
    let deep = format!("{}{}", "[".repeat(4096), "]".repeat(4096));
    let bodies: Vec<String> = vec![
        "".into(), "{".into(), "null".into(), "[]".into(), "{}".into(), deep,
        json!({"ports": [{}]}).to_string(),
        json!({"action": null, "endpoints": null, "permissions": null, "tags": null}).to_string(),
        json!({"port_id": "", "vpc_id": "", "server_type": "", "ports": [{"client_port": i64::MAX}]}).to_string(),
        json!({"endpoint_service_id": "nope", "vpc_id": "\u{0}\u{ffff}"}).to_string(),
    ];
    let p = &provider.project_id;
    let targets = [
        ("POST", services_path(&provider, "")),
        ("PUT", services_path(&provider, &format!("/{service}"))),
        ("PUT", services_path(&provider, &format!("/{service}/name"))),
        ("POST", services_path(&provider, &format!("/{service}/permissions/action"))),
        ("POST", services_path(&provider, &format!("/{service}/permissions/batch-create"))),
        ("POST", services_path(&provider, &format!("/{service}/permissions/batch-delete"))),
        ("PUT", services_path(&provider, &format!("/{service}/permissions/x"))),
        ("POST", services_path(&provider, &format!("/{service}/connections/action"))),
        ("PUT", services_path(&provider, &format!("/{service}/connections/description"))),
        ("POST", format!("/v2/{p}/vpc-endpoint-services/{service}/add-server-resources")),
        ("POST", endpoints_path(&provider, "")),
        ("PUT", endpoints_path(&provider, "/nope")),
        ("PUT", endpoints_path(&provider, "/nope/policy")),
        ("PUT", endpoints_path(&provider, "/nope/routetables")),
        ("POST", format!("/v2/{p}/vpc-endpoints/nope/upgrade")),
        ("POST", format!("/v1/{p}/endpoint_service/{service}/tags/action")),
        ("POST", format!("/v1/{p}/endpoint/resource_instances/action")),
    ];
    for (method, path) in &targets {
        for body in &bodies {
            let reply = Call::new(&provider, method, path).body(body.clone()).send(&sim).await;
            // `{}` is a valid no-op for some updates; what matters is no 5xx and a coded 4xx.
            assert!(
                reply.status < 500,
                "{method} {path} with {:.60}: {} {}",
                body,
                reply.status,
                reply.text()
            );
            if reply.status >= 400 {
                assert!(!reply.code().is_empty(), "{method} {path}: no error_code");
            }
        }
    }
    let queries =
        [("limit", "99999999999999999999"), ("offset", "18446744073709551616"), ("id", "%00")];
    for (key, value) in queries {
        let reply = Call::new(&provider, "GET", services_path(&provider, ""))
            .query(key, value)
            .send(&sim)
            .await;
        assert!(reply.status < 500, "{key}={value}: {}", reply.status);
    }
}

#[tokio::test]
async fn a_json_array_is_not_an_object_body() {
    let (sim, provider) = start().await;
    let service = create_service(&sim, &provider, &service_body(80, 8080)).await.body["id"]
        .as_str()
        .unwrap()
        .to_string();
    for body in ["[]", "[true]"] {
        let reply = Call::new(&provider, "PUT", services_path(&provider, &format!("/{service}")))
            .body(body)
            .send(&sim)
            .await;
        reply.assert_error(400, "EndPoint.0002");
    }
}
