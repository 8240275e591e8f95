//! Tenants: the accounts the simulator knows, each with one project and one AK/SK pair.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// One account: a domain (the account id used in whitelists), a project and its keys.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tenant {
    /// A label for logs and the quickstart.
    pub name: String,
    /// Domain (account) id; whitelists name it as `iam:domain::<domain_id>`.
    pub domain_id: String,
    /// The project whose resources this tenant manages.
    pub project_id: String,
    /// Access key id.
    pub access_key: String,
    /// Secret access key.
    pub secret_key: String,
}

impl std::fmt::Debug for Tenant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tenant")
            .field("name", &self.name)
            .field("domain_id", &self.domain_id)
            .field("project_id", &self.project_id)
            .field("access_key", &self.access_key)
            .field("secret_key", &"<redacted>")
            .finish()
    }
}

impl Tenant {
    /// A tenant with fresh random ids and keys.
    pub fn generate(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            domain_id: hex_id(32),
            project_id: hex_id(32),
            access_key: upper_id(20),
            secret_key: hex_id(40),
        }
    }

    /// Credentials for a specbind client acting as this tenant.
    pub fn credentials(&self) -> specbind::Credentials {
        specbind::Credentials::aksk(self.access_key.clone(), self.secret_key.clone())
    }

    /// The whitelist entry that admits this tenant.
    pub fn whitelist_entry(&self) -> String {
        format!("iam:domain::{}", self.domain_id)
    }
}

/// Reads tenants from a JSON array file.
pub fn load_tenants(path: &Path) -> Result<Vec<Tenant>, String> {
    let text = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let tenants: Vec<Tenant> = serde_json::from_slice(&text)
        .map_err(|e| format!("{} is not a JSON array of tenants: {e}", path.display()))?;
    if tenants.is_empty() {
        return Err(format!("{} lists no tenants", path.display()));
    }
    Ok(tenants)
}

fn hex_id(len: usize) -> String {
    (0..len).map(|_| char::from_digit(fastrand::u32(0..16), 16).unwrap_or('0')).collect()
}

fn upper_id(len: usize) -> String {
    (0..len).map(|_| fastrand::alphanumeric().to_ascii_uppercase()).collect()
}

/// A UUID-shaped random id, as VPCEP uses for its resources.
pub fn resource_id() -> String {
    let hex = hex_id(32);
    format!("{}-{}-4{}-a{}-{}", &hex[0..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}
