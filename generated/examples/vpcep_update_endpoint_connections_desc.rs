//! Sends the VPCEP page's example: new descriptions for two endpoint connections.
//!
//! ```sh
//! HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=... \
//!   cargo run -p huaweicloud-api --example vpcep_update_endpoint_connections_desc -- <endpoint service id>
//! ```
//!
//! Without an argument the page's endpoint service ID is used. `HUAWEICLOUD_SDK_REGION` picks the
//! region (default `cn-north-4`); `HUAWEICLOUD_SDK_REGION_VPCEP_{REGION}` overrides the endpoint.

use huaweicloud_api::prelude::*;
use huaweicloud_api::vpcep::models::{ConnectionsDesc, UpdateEndpointConnectionsDescRequestBody};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let service_id =
        std::env::args().nth(1).unwrap_or_else(|| "813d9300-8473-405b-bfcd-f711117bad65".into());
    let region = std::env::var("HUAWEICLOUD_SDK_REGION").unwrap_or_else(|_| "cn-north-4".into());
    let client = VpcepClient::new(Config::new(region, Credentials::from_env()?))?;
    let body = UpdateEndpointConnectionsDescRequestBody::new([
        ConnectionsDesc::new("0df78897-35b0-4a93-ad17-0bc0585f546b", "endpoint 1, team A"),
        ConnectionsDesc::new("0d837f75-90d5-4528-bd11-5d974238ebca", "endpoint 2, team B"),
    ]);
    let updated = client.update_endpoint_connections_desc(service_id, body).await?;
    for connection in updated.connections.unwrap_or_default() {
        println!("{:?} {:?}", connection.id, connection.description);
    }
    Ok(())
}
