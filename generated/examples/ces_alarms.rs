//! Lists the Cloud Eye metrics of a namespace and every alarm rule, page by page, and creates an
//! alarm rule when asked.
//!
//! ```sh
//! HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=... \
//!   cargo run -p huaweicloud-api --example ces_alarms [-- <ECS instance id>]
//! ```
//!
//! With an ECS instance ID it first creates an alarm rule that fires when the instance's average CPU
//! use over five minutes is at least 80%. `HUAWEICLOUD_SDK_REGION` picks the region (default
//! `cn-north-4`); `HUAWEICLOUD_SDK_REGION_CES_{REGION}` overrides the endpoint.

use huaweicloud_api::ces::models::{
    AlarmCondition, AlarmMetric, ComparisonOperator, CreateAlarmRequestBody, Filter,
    MetricDimension,
};
use huaweicloud_api::prelude::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let region = std::env::var("HUAWEICLOUD_SDK_REGION").unwrap_or_else(|_| "cn-north-4".into());
    let client = CesClient::new(Config::new(region, Credentials::from_env()?))?;

    if let Some(instance) = std::env::args().nth(1) {
        let metric = AlarmMetric::new(
            "SYS.ECS",
            [MetricDimension::new("instance_id", instance)],
            "cpu_util",
        );
        let condition =
            AlarmCondition::new(300, Filter::Average, ComparisonOperator::GtEq, 80_i64, 1);
        let alarm = CreateAlarmRequestBody::new("cpu-at-least-80", metric, condition)
            .with_alarm_description("Average CPU use of at least 80% over five minutes");
        let created = client.create_alarm(alarm).await?;
        println!("created alarm rule {}", created.alarm_id.as_deref().unwrap_or("?"));
    }

    // The first 20 ECS metrics, asked for 10 at a time.
    let metrics: Vec<_> = client
        .list_metrics()
        .with_namespace("SYS.ECS")
        .with_limit(10)
        .items()
        .take(20)
        .collect()
        .await;
    for metric in metrics {
        let metric = metric?;
        let dimensions: Vec<String> = metric
            .dimensions
            .iter()
            .flatten()
            .map(|d| {
                format!(
                    "{}={}",
                    d.name.as_deref().unwrap_or("?"),
                    d.value.as_deref().unwrap_or("?")
                )
            })
            .collect();
        println!("{} {}", metric.metric_name.as_deref().unwrap_or("?"), dimensions.join(","));
    }

    let mut alarms = client.list_alarms().with_limit(100).items();
    while let Some(alarm) = alarms.next().await {
        let alarm = alarm?;
        println!(
            "{} {} {}",
            alarm.alarm_id.as_deref().unwrap_or("?"),
            alarm.alarm_name.as_deref().unwrap_or("?"),
            alarm.alarm_state.as_ref().map_or("?", |s| s.as_str()),
        );
    }
    Ok(())
}
