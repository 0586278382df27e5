//! Reports the Cloud Eye page's example events.
//!
//! ```sh
//! HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=... \
//!   cargo run -p huaweicloud-api --example ces_create_events
//! ```
//!
//! `HUAWEICLOUD_SDK_REGION` picks the region (default `cn-north-4`);
//! `HUAWEICLOUD_SDK_REGION_CES_{REGION}` overrides the endpoint, as in the official SDKs.

use std::time::{SystemTime, UNIX_EPOCH};

use huaweicloud_api::ces::CesClient;
use huaweicloud_api::ces::models::{EventItem, EventItemDetail, EventLevel, EventState};
use huaweicloud_api::runtime::client::{Config, Credentials};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let region = std::env::var("HUAWEICLOUD_SDK_REGION").unwrap_or_else(|_| "cn-north-4".into());
    let client = CesClient::new(Config::new(region, Credentials::from_env()?))?;
    // The page's timestamps are from 2018; the server only accepts times close to now.
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as i64;
    let event = |user: &str, time| EventItem {
        event_name: "systemInvaded".into(),
        event_source: Some("financial.Sytem".into()),
        time,
        detail: EventItemDetail {
            content: Some("The financial system was invaded".into()),
            group_id: Some("rg15221211517051YWWkEnVd".into()),
            resource_id: Some("1234567890sjgggad".into()),
            resource_name: Some("ecs001".into()),
            event_state: Some(EventState::Normal),
            event_level: Some(EventLevel::Major),
            event_user: Some(user.into()),
        },
    };
    let response =
        client.create_events(vec![event("xiaokong", now), event("xihong", now + 20)]).await?;
    println!("{response:#?}");
    Ok(())
}
