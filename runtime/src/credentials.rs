//! Credentials and the chain that finds them.
//!
//! The chain follows `huaweicloudsdkcore`'s basic provider chain, minus the providers that need a
//! network (OIDC, metadata, pod identity): explicit credentials, then the environment, then the
//! credentials file. Reading the environment goes through a lookup closure so tests never touch
//! the process environment.

use std::path::{Path, PathBuf};

/// Environment variable holding the access key.
pub const ENV_ACCESS_KEY: &str = "HUAWEICLOUD_SDK_AK";
/// Environment variable holding the secret key.
pub const ENV_SECRET_KEY: &str = "HUAWEICLOUD_SDK_SK";
/// Environment variable holding the project ID.
pub const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
/// Environment variable holding the domain (account) ID, for global services.
pub const ENV_DOMAIN_ID: &str = "HUAWEICLOUD_SDK_DOMAIN_ID";
/// Environment variable holding the security token of temporary credentials.
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
/// Environment variable naming the credentials file.
pub const ENV_CREDENTIALS_FILE: &str = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";

/// Section of the credentials file that holds regional ("basic") credentials.
const BASIC_SECTION: &str = "basic";
/// Section of the credentials file that the official SDKs read for global services.
const GLOBAL_SECTION: &str = "global";

/// Access credentials: an AK/SK pair (optionally temporary, with a security token) or an IAM token.
///
/// `Debug` shows the access key but never the secret key, security token or IAM token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    kind: Kind,
}

#[derive(Clone, PartialEq, Eq)]
enum Kind {
    AkSk { access_key: String, secret_key: String, security_token: Option<String> },
    IamToken(String),
}

impl Credentials {
    /// Permanent AK/SK credentials; requests are signed with them.
    pub fn aksk(ak: impl Into<String>, sk: impl Into<String>) -> Self {
        Self {
            kind: Kind::AkSk { access_key: ak.into(), secret_key: sk.into(), security_token: None },
        }
    }

    /// Marks AK/SK credentials as temporary: the token is sent as `X-Security-Token`.
    ///
    /// IAM-token credentials have no use for a security token and are returned unchanged.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        if let Kind::AkSk { security_token, .. } = &mut self.kind {
            *security_token = Some(token.into());
        }
        self
    }

    /// IAM token credentials: the token is sent as `X-Auth-Token` and nothing is signed.
    pub fn iam_token(token: impl Into<String>) -> Self {
        Self { kind: Kind::IamToken(token.into()) }
    }

    /// The access key, for AK/SK credentials.
    pub fn access_key(&self) -> Option<&str> {
        match &self.kind {
            Kind::AkSk { access_key, .. } => Some(access_key),
            Kind::IamToken(_) => None,
        }
    }

    /// True for IAM-token credentials.
    pub fn is_iam_token(&self) -> bool {
        matches!(self.kind, Kind::IamToken(_))
    }

    pub(crate) fn secret_key(&self) -> Option<&str> {
        match &self.kind {
            Kind::AkSk { secret_key, .. } => Some(secret_key),
            Kind::IamToken(_) => None,
        }
    }

    pub(crate) fn security_token(&self) -> Option<&str> {
        match &self.kind {
            Kind::AkSk { security_token, .. } => security_token.as_deref(),
            Kind::IamToken(_) => None,
        }
    }

    pub(crate) fn token(&self) -> Option<&str> {
        match &self.kind {
            Kind::IamToken(token) => Some(token),
            Kind::AkSk { .. } => None,
        }
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const REDACTED: &str = "<redacted>";
        match &self.kind {
            Kind::AkSk { access_key, security_token, .. } => f
                .debug_struct("Credentials")
                .field("access_key", access_key)
                .field("secret_key", &REDACTED)
                .field("security_token", &security_token.as_ref().map(|_| REDACTED))
                .finish(),
            Kind::IamToken(_) => {
                f.debug_struct("Credentials").field("iam_token", &REDACTED).finish()
            }
        }
    }
}

/// Credentials found by [`resolve_chain`], with the project and domain IDs that came from the
/// same source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedCredentials {
    /// The credentials to sign with.
    pub credentials: Credentials,
    /// Project ID from the environment or credentials file (`None` for explicit credentials).
    pub project_id: Option<String>,
    /// Domain ID from the environment or credentials file (`None` for explicit credentials).
    pub domain_id: Option<String>,
}

/// Why no credentials could be found. Never contains a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    /// Every provider in the chain came up empty; one reason per provider.
    #[error("no credentials found: {}", reasons.join("; "))]
    NotFound {
        /// What each provider lacked, in chain order.
        reasons: Vec<String>,
    },
    /// The credentials file exists but cannot be read or parsed.
    #[error("credentials file {}: {reason}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong (line numbers only, never line content).
        reason: String,
    },
}

/// Resolves credentials like the official SDK: `explicit`, then the environment, then the
/// credentials file.
pub fn resolve_chain(
    explicit: Option<Credentials>,
) -> Result<ResolvedCredentials, CredentialsError> {
    resolve_chain_with(explicit, |name| std::env::var(name).ok())
}

/// [`resolve_chain`] with an injectable environment (`env(name)` returns a variable's value).
pub fn resolve_chain_with(
    explicit: Option<Credentials>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<ResolvedCredentials, CredentialsError> {
    if let Some(credentials) = explicit {
        return Ok(ResolvedCredentials { credentials, project_id: None, domain_id: None });
    }
    let mut reasons = Vec::new();
    match from_env(&env) {
        Ok(resolved) => return Ok(resolved),
        Err(reason) => reasons.push(reason),
    }
    let Some(path) = credentials_file_path(&env) else {
        reasons.push(format!(
            "no {ENV_CREDENTIALS_FILE} and no home directory to find the credentials file"
        ));
        return Err(CredentialsError::NotFound { reasons });
    };
    if !path.exists() {
        reasons.push(format!("credentials file {} does not exist", path.display()));
        return Err(CredentialsError::NotFound { reasons });
    }
    match from_file(&path)? {
        Ok(resolved) => Ok(resolved),
        Err(reason) => {
            reasons.push(reason);
            Err(CredentialsError::NotFound { reasons })
        }
    }
}

/// Reads credentials from `HUAWEICLOUD_SDK_*` variables via `env`; `Err` says what is missing.
///
/// Like the official providers, both AK and SK must be non-empty; the security token, project
/// ID and domain ID are optional, and an empty value counts as absent.
pub fn from_env(env: impl Fn(&str) -> Option<String>) -> Result<ResolvedCredentials, String> {
    let get = |name: &str| env(name).filter(|value| !value.is_empty());
    match (get(ENV_ACCESS_KEY), get(ENV_SECRET_KEY)) {
        (Some(ak), Some(sk)) => Ok(ResolvedCredentials {
            credentials: aksk(ak, sk, get(ENV_SECURITY_TOKEN)),
            project_id: get(ENV_PROJECT_ID),
            domain_id: get(ENV_DOMAIN_ID),
        }),
        _ => Err(format!(
            "{ENV_ACCESS_KEY} and {ENV_SECRET_KEY} are not both set in the environment"
        )),
    }
}

/// The credentials file to read: `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else
/// `$HOME/.huaweicloud/credentials` (`%USERPROFILE%` on Windows).
pub fn credentials_file_path(env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(file) = env(ENV_CREDENTIALS_FILE).filter(|file| !file.is_empty()) {
        return Some(PathBuf::from(file));
    }
    let home_var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    let home = env(home_var).filter(|home| !home.is_empty())?;
    Some(Path::new(&home).join(".huaweicloud").join("credentials"))
}

/// Reads an INI credentials file. The outer `Err` is a file that cannot be read or parsed; the
/// inner `Err` says which keys are missing.
///
/// Keys `ak`, `sk`, `security_token` and `project_id` come from the `[basic]` section, as the
/// official SDKs read them for regional services. They keep global services' keys in
/// `[global]` (`ak`, `sk`, `security_token`, `domain_id`); one configuration serves both kinds
/// here, so the domain ID is `[basic]`'s `domain_id`, else `[global]`'s, and a file without
/// keys in `[basic]` signs with those of `[global]`. The project ID is only read from `[basic]`.
pub fn from_file(path: &Path) -> Result<Result<ResolvedCredentials, String>, CredentialsError> {
    let file_error = |reason: String| CredentialsError::File { path: path.to_path_buf(), reason };
    let bytes = std::fs::read(path)
        .map_err(|error| file_error(format!("cannot read: {}", error.kind())))?;
    let text = String::from_utf8(bytes).map_err(|_| file_error("not valid UTF-8".to_owned()))?;
    let sections = parse_ini(&text).map_err(file_error)?;
    let basic = profile_section(&sections, BASIC_SECTION);
    let global = profile_section(&sections, GLOBAL_SECTION);
    let get = |section: &Option<Vec<(String, String)>>, key: &str| {
        let entries = section.as_ref()?;
        entries.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).filter(|v| !v.is_empty())
    };
    let keys = |section| Some((get(section, "ak")?, get(section, "sk")?));
    let domain_id = get(&basic, "domain_id").or_else(|| get(&global, "domain_id"));
    let found = match (keys(&basic), keys(&global)) {
        (Some((ak, sk)), _) => Some(aksk(ak, sk, get(&basic, "security_token"))),
        (None, Some((ak, sk))) => Some(aksk(ak, sk, get(&global, "security_token"))),
        (None, None) => None,
    };
    let Some(credentials) = found else {
        let sections = format!("[{BASIC_SECTION}] or [{GLOBAL_SECTION}] section");
        return Ok(Err(match (&basic, &global) {
            (None, None) => format!("credentials file {} has no {sections}", path.display()),
            _ => format!("ak and sk are not both set in the {sections} of {}", path.display()),
        }));
    };
    let project_id = get(&basic, "project_id");
    Ok(Ok(ResolvedCredentials { credentials, project_id, domain_id }))
}

fn aksk(ak: String, sk: String, token: Option<String>) -> Credentials {
    let credentials = Credentials::aksk(ak, sk);
    match token {
        Some(token) => credentials.with_security_token(token),
        None => credentials,
    }
}

/// One `[section]` of an INI file: its name and `key = value` entries in file order.
type IniSection = (String, Vec<(String, String)>);

/// The key/value pairs of `[wanted]` plus the `[DEFAULT]` ones it does not override, or `None`
/// when the section is absent.
fn profile_section(sections: &[IniSection], wanted: &str) -> Option<Vec<(String, String)>> {
    let entries_of = |name: &str| {
        sections.iter().find(|(section, _)| section == name).map(|(_, entries)| entries.clone())
    };
    let mut entries = entries_of(wanted)?;
    for (key, value) in entries_of("DEFAULT").unwrap_or_default() {
        if !entries.iter().any(|(existing, _)| *existing == key) {
            entries.push((key, value));
        }
    }
    Some(entries)
}

/// Parses INI text the way Python's `configparser` (strict mode) reads simple files:
/// `key = value` or `key: value` (first delimiter wins), keys case-insensitive, section names
/// case-sensitive, whole-line `#`/`;` comments, indented lines continuing the previous value,
/// and duplicate sections or keys rejected. Errors name a line number, never the line's content,
/// which may hold a secret.
fn parse_ini(text: &str) -> Result<Vec<IniSection>, String> {
    let mut sections: Vec<IniSection> = Vec::new();
    let mut continues_value = false;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continues_value = false;
            continue;
        }
        if continues_value && raw.starts_with([' ', '\t']) {
            if let Some((_, value)) =
                sections.last_mut().and_then(|(_, entries)| entries.last_mut())
            {
                value.push('\n');
                value.push_str(trimmed);
            }
            continue;
        }
        continues_value = false;
        if let Some(name) = trimmed.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
            if sections.iter().any(|(existing, _)| existing == name) {
                return Err(format!("line {line}: duplicate section"));
            }
            sections.push((name.to_owned(), Vec::new()));
            continue;
        }
        let Some(split) = trimmed.find(['=', ':']) else {
            return Err(format!("line {line}: expected `[section]` or `key = value`"));
        };
        let key = trimmed[..split].trim().to_lowercase();
        let value = trimmed[split + 1..].trim().to_owned();
        let Some((_, entries)) = sections.last_mut() else {
            return Err(format!("line {line}: key outside of any section"));
        };
        if key.is_empty() || entries.iter().any(|(existing, _)| *existing == key) {
            return Err(format!("line {line}: empty or duplicate key"));
        }
        entries.push((key, value));
        continues_value = true;
    }
    Ok(sections)
}
