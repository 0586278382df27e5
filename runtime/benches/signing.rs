//! Signing one request with SDK-HMAC-SHA256: `cargo bench -p huaweicloud-api-runtime --bench signing`.

// criterion_group! defines public functions without docs.
#![allow(missing_docs)]

use std::hint::black_box;

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use huaweicloud_api_runtime::client::signer;

fn request() -> http::Request<Bytes> {
    let body = br#"[{"event_name":"systemInvaded","event_source":"financial.Sytem","time":1522121194000,"detail":{"content":"The financial system was invaded","group_id":"rg15221211517051YWWkEnVd","resource_id":"1234567890sjgggad","resource_name":"ecs001","event_state":"normal","event_level":"Major","event_user":"xiaokong"}}]"#;
    http::Request::builder()
        .method("POST")
        .uri("https://ces.cn-north-4.myhuaweicloud.com/V1.0/0605767a3300d5762fb7c0186d9e1779/events?limit=10&marker=abc")
        .header("Host", "ces.cn-north-4.myhuaweicloud.com")
        .header("Content-Type", "application/json")
        .header("User-Agent", "huaweicloud-api-rust/0.1.0")
        .header("X-Project-Id", "0605767a3300d5762fb7c0186d9e1779")
        .header(signer::DATE_HEADER, "20261122T101530Z")
        .body(Bytes::from_static(body))
        .unwrap()
}

fn sign(c: &mut Criterion) {
    let template = request();
    c.bench_function("sign CreateEvents request", |b| {
        b.iter_batched(
            || template.clone(),
            |mut request| {
                signer::sign(
                    &mut request,
                    "HPUABCDEFGHIJKLMNOPQ",
                    "sKeY0123456789abcdefghijklmnopqrstuvwxyzAB",
                )
                .unwrap();
                black_box(request)
            },
            criterion::BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, sign);
criterion_main!(benches);
