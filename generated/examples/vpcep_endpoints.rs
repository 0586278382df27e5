//! Lists every VPC endpoint of the project, page by page, and creates one when asked.
//!
//! ```sh
//! HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=... \
//!   cargo run -p huaweicloud-api --example vpcep_endpoints [-- <endpoint service id> <vpc id> <subnet id>]
//! ```
//!
//! With the three IDs it first creates an endpoint of that endpoint service in that VPC and subnet
//! (an interface endpoint service needs the subnet). `HUAWEICLOUD_SDK_REGION` picks the region
//! (default `cn-north-4`); `HUAWEICLOUD_SDK_REGION_VPCEP_{REGION}` overrides the endpoint.

use huaweicloud_api::prelude::*;
use huaweicloud_api::vpcep::models::CreateEndpointRequestBody;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let region = std::env::var("HUAWEICLOUD_SDK_REGION").unwrap_or_else(|_| "cn-north-4".into());
    let client = VpcepClient::new(Config::new(region, Credentials::from_env()?))?;

    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [service, vpc, subnet] = args.as_slice() {
        let body = CreateEndpointRequestBody::new(service.as_str(), vpc.as_str())
            .with_subnet_id(subnet.as_str())
            .with_enable_dns(true);
        let created = client.create_endpoint(body).await?;
        let status = created.status.as_ref().map_or("?", |s| s.as_str());
        println!("created {} ({status})", created.id.as_deref().unwrap_or("?"));
    }

    // Fifty endpoints a request; the stream asks for the next page as it is read.
    let mut endpoints = client.list_endpoints().with_limit(50).items();
    while let Some(endpoint) = endpoints.next().await {
        let endpoint = endpoint?;
        println!(
            "{} {} {}",
            endpoint.id.as_deref().unwrap_or("?"),
            endpoint.status.as_ref().map_or("?", |s| s.as_str()),
            endpoint.endpoint_service_name.as_deref().unwrap_or("?"),
        );
    }
    Ok(())
}
