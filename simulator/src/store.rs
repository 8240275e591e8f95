//! The simulator's state: services, endpoints and their whitelists, keyed by id, with
//! lifecycle deadlines; saved to a file with an atomic replace when persistence is on.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A JSON object holding a resource's wire fields.
pub type Fields = Map<String, Value>;

/// An endpoint service and what hangs off it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServiceRecord {
    /// Owning project.
    pub project_id: String,
    /// Owning domain.
    pub domain_id: String,
    /// Wire fields (the superset of every service response).
    pub fields: Fields,
    /// Whitelist records (`EpsPermission` wire fields).
    pub permissions: Vec<Fields>,
    /// When `creating` turns `available`.
    pub ready_at_ms: u64,
    /// Creation ends in `failed` instead of `available` (the backend does not exist).
    #[serde(default)]
    pub fails: bool,
    /// When a `deleting` service disappears.
    pub gone_at_ms: Option<u64>,
}

/// A VPC endpoint.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EndpointRecord {
    /// Owning project.
    pub project_id: String,
    /// Owning domain.
    pub domain_id: String,
    /// Wire fields (the superset of every endpoint response).
    pub fields: Fields,
    /// Status reached when creation completes: `accepted` or `pendingAcceptance`.
    pub settled_status: String,
    /// When `creating` settles.
    pub ready_at_ms: u64,
    /// When a `deleting` endpoint disappears.
    pub gone_at_ms: Option<u64>,
    /// Description the service owner gave this connection.
    pub connection_description: Option<String>,
}

/// Everything the simulator remembers.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Endpoint services by id.
    pub services: BTreeMap<String, ServiceRecord>,
    /// Endpoints by id.
    pub endpoints: BTreeMap<String, EndpointRecord>,
    /// Last connection marker id handed out.
    pub last_marker_id: u64,
    /// Issued `X-Auth-Token` values and the project each acts for. Kept with the resources so
    /// a restarted simulator still honours them, as IAM does while a token is valid.
    #[serde(default)]
    pub tokens: BTreeMap<String, String>,
}

impl Store {
    /// Applies lifecycle transitions whose time has come.
    pub fn advance(&mut self, now_ms: u64) {
        for service in self.services.values_mut() {
            if status_of(&service.fields) == "creating" && now_ms >= service.ready_at_ms {
                let settled = if service.fails { "failed" } else { "available" };
                service.fields.insert("status".into(), settled.into());
            }
        }
        self.services.retain(|_, s| s.gone_at_ms.is_none_or(|gone| now_ms < gone));
        for endpoint in self.endpoints.values_mut() {
            if status_of(&endpoint.fields) == "creating" && now_ms >= endpoint.ready_at_ms {
                endpoint.fields.insert("status".into(), endpoint.settled_status.clone().into());
            }
        }
        self.endpoints.retain(|_, e| e.gone_at_ms.is_none_or(|gone| now_ms < gone));
    }

    /// Reads a saved store; a missing file is an empty store.
    pub fn load(path: &Path) -> Result<Self, String> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| format!("state file {} is damaged: {e}", path.display())),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(error) => Err(format!("cannot read state file {}: {error}", path.display())),
        }
    }

    /// Writes the store durably: a temporary file, flushed to disk, renamed over the old one,
    /// so a crash leaves either the old state or the new one, never half of each.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        let temp = temp_path(path);
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    }
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".tmp");
    path.with_file_name(name)
}

/// The `status` field of a record.
pub fn status_of(fields: &Fields) -> &str {
    fields.get("status").and_then(Value::as_str).unwrap_or_default()
}
