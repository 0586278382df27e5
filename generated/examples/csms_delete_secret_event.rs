//! Deletes a secret event (the CSMS page gives no example; pass the event name as the argument).
//!
//! ```sh
//! HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=... \
//!   cargo run -p huaweicloud-api --example csms_delete_secret_event -- my_event
//! ```
//!
//! `HUAWEICLOUD_SDK_REGION` picks the region (default `cn-north-4`);
//! `HUAWEICLOUD_SDK_REGION_CSMS_{REGION}` overrides the endpoint (CSMS is served by the KMS host).

use huaweicloud_api::prelude::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let event_name =
        std::env::args().nth(1).ok_or("usage: csms_delete_secret_event <event name>")?;
    let region = std::env::var("HUAWEICLOUD_SDK_REGION").unwrap_or_else(|_| "cn-north-4".into());
    let client = CsmsClient::new(Config::new(region, Credentials::from_env()?))?;
    client.delete_secret_event(&event_name).await?;
    println!("deleted {event_name}");
    Ok(())
}
