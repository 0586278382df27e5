//! The documentation pages' examples as typed values, shared by the tests.

use huaweicloud_api::ces::models::{EventItem, EventItemDetail, EventLevel, EventState};
use huaweicloud_api::vpcep::models::{ConnectionsDesc, UpdateEndpointConnectionsDescRequestBody};

/// An event of the Cloud Eye page's request example, for `user` at `time`.
pub fn ces_event(user: &str, time: i64) -> EventItem {
    EventItem {
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
    }
}

/// The first event of the Cloud Eye page's request example.
pub fn ces_page_event() -> EventItem {
    ces_event("xiaokong", 1_522_121_194_000)
}

/// The VPCEP page's request body.
pub fn vpcep_page_body() -> UpdateEndpointConnectionsDescRequestBody {
    UpdateEndpointConnectionsDescRequestBody {
        connections: vec![
            ConnectionsDesc {
                id: "0df78897-35b0-4a93-ad17-0bc0585f546b".into(),
                description: "终端节点节点1, 属于账户[0605767a3300d5762fb7c0186d9e1779]iaas_commonnet_odin_26".into(),
            },
            ConnectionsDesc {
                id: "0d837f75-90d5-4528-bd11-5d974238ebca".into(),
                description: "终端节点节点2, 属于账户[7876999999999]iaas_commonnet_odin_26".into(),
            },
        ],
    }
}
