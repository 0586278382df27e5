//! One call without the network: validate, build and encode a `CreateEvents` request, then decode its
//! `201` response: `cargo bench -p huaweicloud-api --bench call`.

// criterion_group! defines public functions without docs.
#![allow(missing_docs)]

use std::hint::black_box;

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use huaweicloud_api::ces::operations::CreateEventsRequest;
use huaweicloud_api::prelude::*;

// The page examples the tests use, so the bench measures the same request.
#[allow(dead_code)]
#[path = "../tests/support/pages.rs"]
mod pages;

fn request() -> CreateEventsRequest {
    CreateEventsRequest::new(
        "0605767a3300d5762fb7c0186d9e1779",
        [
            pages::ces_event("xiaokong", 1_522_121_194_000),
            pages::ces_event("xihong", 1_522_121_194_020),
        ],
    )
}

const RESPONSE: &[u8] = br#"[{"event_id":"evdgiqwgedkkcvhdjcdu346","event_name":"systemInvaded"},{"event_id":"evdgiqwgedkkcvhdjcdu347","event_name":"systemParalysis"}]"#;

fn call(c: &mut Criterion) {
    let request = request();
    c.bench_function("CreateEvents validate + build + encode + decode", |b| {
        b.iter(|| {
            request.validate().unwrap();
            let http = request.build_request().unwrap();
            black_box(http);
            let response =
                http::Response::builder().status(201).body(Bytes::from_static(RESPONSE)).unwrap();
            black_box(CreateEventsRequest::decode_response(response).unwrap())
        })
    });
}

criterion_group!(benches, call);
criterion_main!(benches);
