//! Client configuration: region, credentials, endpoint, timeouts, retries.

use std::sync::Arc;
use std::time::Duration;

use super::clock::{Clock, SystemClock};
use super::credentials::{ConfigError, Credentials};
use super::retry::RetryPolicy;

/// The environment variable naming the region, read by [`Config::from_env`].
pub const ENV_REGION: &str = "HUAWEICLOUD_SDK_REGION";
/// Prefix of the official per-service endpoint override: `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}`,
/// with the region upper-cased and `-` turned into `_` (for example
/// `HUAWEICLOUD_SDK_REGION_CES_CN_NORTH_4`). Its value is a comma-separated list of endpoints; the
/// first is used.
pub const ENV_ENDPOINT_PREFIX: &str = "HUAWEICLOUD_SDK_REGION";

/// What the generated code tells the client about a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceInfo {
    /// The service name used in endpoint override variables (`CES`, `CSMS`, `VPCEP`).
    pub name: &'static str,
    /// The server URL template from the spec, with `{region}`.
    pub server: Option<&'static str>,
}

/// How a client connects and authenticates.
#[derive(Debug, Clone)]
pub struct Config {
    /// The region ID, such as `cn-north-4`.
    pub region: String,
    /// How requests are authenticated.
    pub credentials: Credentials,
    /// An endpoint for this client (`https://host[:port]`), taking precedence over everything else.
    pub endpoint: Option<String>,
    /// Whether `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}` may override the endpoint (default: yes).
    pub endpoint_from_env: bool,
    /// How long establishing a connection (TCP and TLS) may take. Default: 10 s.
    pub connect_timeout: Duration,
    /// How long one attempt (sending the request and reading the whole response) may take.
    /// Default: 30 s.
    pub attempt_timeout: Duration,
    /// How long a call may take in total, retries and back-off included. Default: 120 s.
    pub total_timeout: Duration,
    /// When and how calls are retried.
    pub retry: RetryPolicy,
    /// Responses larger than this are an error rather than a memory hazard. Default: 64 MiB.
    pub max_response_bytes: usize,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Where calls read the time and how they wait: the signing date, `Retry-After` dates, back-off
    /// sleeps, the attempt and total timeouts. Default: [`SystemClock`]; tests can use a
    /// [`ManualClock`](super::ManualClock).
    pub clock: Arc<dyn Clock>,
}

impl Config {
    /// A configuration with the documented defaults.
    pub fn new(region: impl Into<String>, credentials: Credentials) -> Self {
        Self {
            region: region.into(),
            credentials,
            endpoint: None,
            endpoint_from_env: true,
            connect_timeout: Duration::from_secs(10),
            attempt_timeout: Duration::from_secs(30),
            total_timeout: Duration::from_secs(120),
            retry: RetryPolicy::default(),
            max_response_bytes: 64 * 1024 * 1024,
            user_agent: concat!("huaweicloud-api-rust/", env!("CARGO_PKG_VERSION")).to_owned(),
            clock: Arc::new(SystemClock),
        }
    }

    /// Region from `HUAWEICLOUD_SDK_REGION`, credentials from the SDK's variables
    /// (see [`Credentials::from_env`]).
    pub fn from_env() -> Result<Self, ConfigError> {
        let region = std::env::var(ENV_REGION)
            .ok()
            .filter(|r| !r.is_empty())
            .ok_or(ConfigError::MissingEnv(ENV_REGION))?;
        Ok(Self::new(region, Credentials::from_env()?))
    }

    /// Uses this endpoint instead of the region's.
    pub fn with_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Uses this retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Uses this clock (see [`Config::clock`]).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Sets the per-attempt and total timeouts.
    pub fn with_timeouts(mut self, attempt: Duration, total: Duration) -> Self {
        self.attempt_timeout = attempt;
        self.total_timeout = total;
        self
    }

    /// The endpoint of `service`: the configured one, else the environment override, else the
    /// spec's server template for the region.
    pub fn endpoint_for(
        &self,
        service: &ServiceInfo,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Endpoint, ConfigError> {
        if let Some(endpoint) = &self.endpoint {
            return Endpoint::parse(endpoint);
        }
        if self.endpoint_from_env {
            let name = format!(
                "{ENV_ENDPOINT_PREFIX}_{}_{}",
                service.name.to_uppercase(),
                self.region.replace('-', "_").to_uppercase()
            );
            if let Some(list) = env(&name)
                && let Some(first) = list.split(',').map(str::trim).find(|e| !e.is_empty())
            {
                return Endpoint::parse(first);
            }
        }
        match service.server {
            Some(template) => Endpoint::parse(&template.replace("{region}", &self.region)),
            None => Err(ConfigError::NoEndpoint(service.name.to_owned())),
        }
    }
}

/// Where requests go: a scheme and an authority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `http` or `https`.
    pub scheme: http::uri::Scheme,
    /// Host and optional port, also sent (and signed) as `Host`.
    pub authority: http::uri::Authority,
}

impl Endpoint {
    /// Parses `https://host[:port]` (a trailing `/` is allowed; other paths are not).
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let invalid = || ConfigError::InvalidEndpoint(text.to_owned());
        let uri: http::Uri = text.trim().parse().map_err(|_| invalid())?;
        let scheme = uri
            .scheme()
            .cloned()
            .filter(|s| s == &http::uri::Scheme::HTTP || s == &http::uri::Scheme::HTTPS)
            .ok_or_else(invalid)?;
        let authority =
            uri.authority().cloned().filter(|a| !a.host().is_empty()).ok_or_else(invalid)?;
        if !matches!(uri.path(), "" | "/") || uri.query().is_some() {
            return Err(invalid());
        }
        Ok(Self { scheme, authority })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CES: ServiceInfo =
        ServiceInfo { name: "CES", server: Some("https://ces.{region}.myhuaweicloud.com") };

    fn config() -> Config {
        Config::new("cn-north-4", Credentials::ak_sk("a", "s"))
    }

    #[test]
    fn the_region_fills_the_server_template() {
        let endpoint = config().endpoint_for(&CES, |_| None).unwrap();
        assert_eq!(endpoint.scheme, http::uri::Scheme::HTTPS);
        assert_eq!(endpoint.authority, "ces.cn-north-4.myhuaweicloud.com");
    }

    #[test]
    fn the_sdk_environment_variable_overrides_the_region() {
        let env = |name: &str| {
            (name == "HUAWEICLOUD_SDK_REGION_CES_CN_NORTH_4")
                .then(|| "http://127.0.0.1:9000, https://backup".to_owned())
        };
        assert_eq!(config().endpoint_for(&CES, env).unwrap().authority, "127.0.0.1:9000");
        let mut no_env = config();
        no_env.endpoint_from_env = false;
        assert_eq!(
            no_env.endpoint_for(&CES, env).unwrap().authority,
            "ces.cn-north-4.myhuaweicloud.com"
        );
        let explicit = config().with_endpoint("https://custom.example:8443/");
        assert_eq!(explicit.endpoint_for(&CES, env).unwrap().authority, "custom.example:8443");
    }

    #[test]
    fn bad_endpoints_are_rejected() {
        for bad in ["ces.example.com", "ftp://x", "https://", "https://x/path", "http://x/?q"] {
            assert!(matches!(Endpoint::parse(bad), Err(ConfigError::InvalidEndpoint(_))), "{bad}");
        }
        let none = ServiceInfo { name: "X", server: None };
        assert_eq!(
            config().endpoint_for(&none, |_| None),
            Err(ConfigError::NoEndpoint("X".into()))
        );
    }
}
