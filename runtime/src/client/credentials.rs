//! Credentials: AK/SK (permanent or temporary) and IAM tokens. `Debug` never shows a secret.

use std::fmt;

/// The environment variables the official SDKs read.
pub const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
/// The secret key variable.
pub const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
/// The project ID variable.
pub const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
/// The security token variable (temporary credentials).
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";

/// A secret string: compared and used, never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for signing or sending.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// How requests are authenticated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credentials {
    /// An access key and secret key; requests are signed with `SDK-HMAC-SHA256`. With a security
    /// token these are temporary credentials, and the token is sent in `X-Security-Token`.
    AkSk {
        /// The access key ID.
        ak: String,
        /// The secret access key.
        sk: Secret,
        /// The security token of temporary credentials.
        security_token: Option<Secret>,
        /// The project requests act in: sent as `X-Project-Id` and used for `project_id` paths.
        project_id: Option<String>,
    },
    /// An IAM user token, sent in `X-Auth-Token` (the CSMS page documents this header).
    Token {
        /// The token (the `X-Subject-Token` IAM returned).
        token: Secret,
        /// The project requests act in, used for `project_id` paths.
        project_id: Option<String>,
    },
}

/// A required setting is missing or unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// An environment variable the configuration needs is not set (or empty).
    #[error("environment variable `{0}` is not set")]
    MissingEnv(&'static str),
    /// The operation needs a project ID, and the credentials have none.
    #[error(
        "no project ID is configured (set it on the credentials or in HUAWEICLOUD_SDK_PROJECT_ID)"
    )]
    MissingProjectId,
    /// The endpoint is not an absolute `http` or `https` URL with a host.
    #[error("endpoint `{0}` is not an absolute http(s) URL")]
    InvalidEndpoint(String),
    /// No endpoint can be derived for the service: it lists no server and none was configured.
    #[error("service `{0}` has no server URL; configure an endpoint")]
    NoEndpoint(String),
    /// The HTTP client could not be created.
    #[error("the HTTP client could not be created: {0}")]
    Transport(String),
}

impl Credentials {
    /// Permanent AK/SK credentials.
    pub fn ak_sk(ak: impl Into<String>, sk: impl Into<String>) -> Self {
        Self::AkSk { ak: ak.into(), sk: Secret::new(sk), security_token: None, project_id: None }
    }

    /// Temporary AK/SK credentials with their security token.
    pub fn temporary(
        ak: impl Into<String>,
        sk: impl Into<String>,
        security_token: impl Into<String>,
    ) -> Self {
        Self::AkSk {
            ak: ak.into(),
            sk: Secret::new(sk),
            security_token: Some(Secret::new(security_token)),
            project_id: None,
        }
    }

    /// An IAM token.
    pub fn token(token: impl Into<String>) -> Self {
        Self::Token { token: Secret::new(token), project_id: None }
    }

    /// The same credentials acting in `project_id`.
    pub fn with_project_id(mut self, id: impl Into<String>) -> Self {
        match &mut self {
            Self::AkSk { project_id, .. } | Self::Token { project_id, .. } => {
                *project_id = Some(id.into())
            }
        }
        self
    }

    /// The configured project, if any.
    pub fn project_id(&self) -> Option<&str> {
        match self {
            Self::AkSk { project_id, .. } | Self::Token { project_id, .. } => project_id.as_deref(),
        }
    }

    /// AK/SK credentials from `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`, and optionally
    /// `HUAWEICLOUD_SDK_PROJECT_ID` and `HUAWEICLOUD_SDK_SECURITY_TOKEN`.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// As [`Credentials::from_env`], reading variables through `lookup` (tests pass a map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name| lookup(name).filter(|v| !v.is_empty());
        let ak = get(ENV_AK).ok_or(ConfigError::MissingEnv(ENV_AK))?;
        let sk = get(ENV_SK).ok_or(ConfigError::MissingEnv(ENV_SK))?;
        Ok(Self::AkSk {
            ak,
            sk: Secret::new(sk),
            security_token: get(ENV_SECURITY_TOKEN).map(Secret::new),
            project_id: get(ENV_PROJECT_ID),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let creds = Credentials::temporary("AKID", "very-secret-sk", "very-secret-token")
            .with_project_id("p1");
        let shown = format!("{creds:?}");
        assert!(shown.contains("AKID") && shown.contains("p1"));
        assert!(!shown.contains("very-secret"), "{shown}");
        assert!(!format!("{:?}", Credentials::token("tok-secret")).contains("tok-secret"));
    }

    #[test]
    fn environment_credentials_follow_the_sdk_variables() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        let creds = Credentials::from_lookup(env(&[
            (ENV_AK, "a"),
            (ENV_SK, "s"),
            (ENV_PROJECT_ID, "p"),
            (ENV_SECURITY_TOKEN, "t"),
        ]))
        .unwrap();
        assert_eq!(creds, Credentials::temporary("a", "s", "t").with_project_id("p"));
        assert_eq!(
            Credentials::from_lookup(env(&[(ENV_AK, "a")])),
            Err(ConfigError::MissingEnv(ENV_SK))
        );
        assert_eq!(
            Credentials::from_lookup(env(&[(ENV_AK, ""), (ENV_SK, "s")])),
            Err(ConfigError::MissingEnv(ENV_AK))
        );
    }
}
