//! One logical call per case, per service, made through the generated clients.

pub mod dns;
pub mod ecs;
pub mod elb;
pub mod evs;
pub mod iam;
pub mod vpc;

use serde_json::Value;

/// The decoded response body re-encoded as JSON (`None` for a bodiless response), or why the
/// call could not be made or decoded.
pub type Reply = Result<Option<Value>, String>;

/// Re-encodes what the generated client decoded, so it can be compared with the wire JSON.
pub fn reply<T: serde::Serialize>(result: Result<specbind::Response<T>, specbind::Error>) -> Reply {
    let response = result.map_err(|error| format!("call failed: {error}"))?;
    match serde_json::to_value(response.body()) {
        Ok(Value::Null) => Ok(None),
        Ok(value) => Ok(Some(value)),
        Err(error) => Err(format!("cannot re-encode the decoded body: {error}")),
    }
}
