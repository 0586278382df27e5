//! The service-wide status-code tables (EVS, ECS) and the per-operation status enums.

use huaweicloud_api::ces::status::CreateEventsStatus;
use huaweicloud_api::ecs::status::EcsStatus;
use huaweicloud_api::evs::status::EvsStatus;

#[test]
fn evs_table_keeps_its_unusual_reason_phrases() {
    assert_eq!(EvsStatus::ALL.len(), 20);
    assert_eq!(EvsStatus::from_u16(413), Some(EvsStatus::OverLimit));
    assert_eq!(EvsStatus::OverLimit.reason(), "overLimit");
    assert_eq!(EvsStatus::from_u16(415), Some(EvsStatus::BadMediaType));
    assert_eq!(EvsStatus::BadMediaType.to_string(), "415 badMediaType");
    assert_eq!(EvsStatus::OverLimit.meaning(), None, "the EVS page gives reason phrases only");
    assert!(!EvsStatus::OverLimit.is_success());
    assert!(EvsStatus::NoContent.is_success());
    assert_eq!(EvsStatus::from_u16(410), None);
}

#[test]
fn ecs_table_has_300_and_a_busy_202() {
    assert_eq!(EcsStatus::ALL.len(), 18);
    let busy = EcsStatus::from_u16(202).unwrap();
    assert!(busy.is_success());
    assert_eq!(
        busy.meaning(),
        Some("The task was submitted, but the system is busy, so it will be processed later.")
    );
    let choices = EcsStatus::from_u16(300).unwrap();
    assert_eq!(choices, EcsStatus::MultipleChoices);
    assert_eq!(choices.reason(), "multiple choices");
    assert!(!choices.is_success(), "the ECS page lists 300 among the errors");
    assert_eq!(EcsStatus::from_u16(201), None, "201 is not on the ECS page");
}

#[test]
fn every_status_round_trips_through_its_code() {
    for status in EvsStatus::ALL {
        assert_eq!(EvsStatus::from_u16(status.as_u16()), Some(*status));
        assert_eq!(status.is_success(), (200..300).contains(&status.as_u16()));
    }
    for status in EcsStatus::ALL {
        assert_eq!(EcsStatus::from_u16(status.as_u16()), Some(*status));
        assert!(status.meaning().is_some());
    }
    for status in CreateEventsStatus::ALL {
        assert_eq!(CreateEventsStatus::from_u16(status.as_u16()), Some(*status));
    }
    assert_eq!(CreateEventsStatus::Created.to_string(), "201 Created");
    assert_eq!(
        CreateEventsStatus::TooManyRequests.meaning(),
        Some("Too many requests are being sent.")
    );
}
