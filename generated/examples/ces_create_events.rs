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

use huaweicloud_api::ces::models::{EventItem, EventItemDetail, EventLevel, EventState};
use huaweicloud_api::prelude::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let region = std::env::var("HUAWEICLOUD_SDK_REGION").unwrap_or_else(|_| "cn-north-4".into());
    let client = CesClient::new(Config::new(region, Credentials::from_env()?))?;
    // The page's timestamps are from 2018; the server only accepts times close to now.
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as i64;
    let event = |user: &str, time| {
        let detail = EventItemDetail::default()
            .with_content("The financial system was invaded")
            .with_resource_name("ecs001")
            .with_event_state(EventState::Normal)
            .with_event_level(EventLevel::Major)
            .with_event_user(user);
        EventItem::new("systemInvaded", time, detail).with_event_source("financial.Sytem")
    };
    let created = client.create_events([event("xiaokong", now), event("xihong", now + 20)]).await?;
    for event in created {
        println!("{} {}", event.event_id, event.event_name);
    }
    Ok(())
}
