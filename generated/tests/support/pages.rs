//! The documentation pages' examples as typed values, shared by the tests.

use huaweicloud_api::ces::models::{EventItem, EventItemDetail, EventLevel, EventState};
use huaweicloud_api::vpcep::models::{ConnectionsDesc, UpdateEndpointConnectionsDescRequestBody};

/// An event of the Cloud Eye page's request example, for `user` at `time`.
pub fn ces_event(user: &str, time: i64) -> EventItem {
    let detail = EventItemDetail::default()
        .with_content("The financial system was invaded")
        .with_group_id("rg15221211517051YWWkEnVd")
        .with_resource_id("1234567890sjgggad")
        .with_resource_name("ecs001")
        .with_event_state(EventState::Normal)
        .with_event_level(EventLevel::Major)
        .with_event_user(user);
    EventItem::new("systemInvaded", time, detail).with_event_source("financial.Sytem")
}

/// The first event of the Cloud Eye page's request example.
pub fn ces_page_event() -> EventItem {
    ces_event("xiaokong", 1_522_121_194_000)
}

/// The VPCEP page's request body.
pub fn vpcep_page_body() -> UpdateEndpointConnectionsDescRequestBody {
    UpdateEndpointConnectionsDescRequestBody::new([
        ConnectionsDesc::new(
            "0df78897-35b0-4a93-ad17-0bc0585f546b",
            "终端节点节点1, 属于账户[0605767a3300d5762fb7c0186d9e1779]iaas_commonnet_odin_26",
        ),
        ConnectionsDesc::new(
            "0d837f75-90d5-4528-bd11-5d974238ebca",
            "终端节点节点2, 属于账户[7876999999999]iaas_commonnet_odin_26",
        ),
    ])
}
