#!/usr/bin/env python3
"""Produce AK/SK signing test vectors with the official Huawei Cloud Python SDK's own signer.

Run by hand, not in CI:

    pip install huaweicloudsdkcore==3.1.219
    python3 runtime/tests/vectors/generate_signing_vectors.py > runtime/tests/vectors/signing.json

Each vector holds the request exactly as the Rust client sends it (method, host, percent-encoded
path, decoded query pairs, headers including a fixed X-Sdk-Date, body) and what the SDK's signer
computed for it: the canonical request, the request URI it sends (with the canonical query), and the
Authorization header. `runtime/tests/signing_vectors.rs` reproduces every vector.
"""
import json
import sys
from types import SimpleNamespace

from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

AK = "HPUABCDEFGHIJKLMNOPQ"
SK = "sKeY0123456789abcdefghijklmnopqrstuvwxyzAB"
DATE = "20261122T101530Z"
HOST = "ces.cn-north-4.myhuaweicloud.com"

CASES = [
    dict(name="get root, no query, empty body", method="GET", path="/", query=[], headers={}, body=""),
    dict(
        name="CreateEvents JSON body with project header",
        method="POST",
        path="/V1.0/0605767a3300d5762fb7c0186d9e1779/events",
        query=[],
        headers={"Content-Type": "application/json", "X-Project-Id": "0605767a3300d5762fb7c0186d9e1779"},
        body='[{"event_name":"systemInvaded","time":1522121194000,"detail":{"event_level":"Major"}}]',
    ),
    dict(
        name="delete with encoded slash, space and non-ASCII in a path segment",
        method="DELETE",
        path="/v1/p1/csms/events/a%2Fb%20c%E4%BA%8B%E4%BB%B6",
        query=[],
        headers={"X-Project-Id": "p1"},
        body="",
    ),
    dict(
        name="put with repeated query keys and an empty value",
        method="PUT",
        path="/v1/p1/vpc-endpoint-services/813d9300-8473-405b-bfcd-f711117bad65/connections/description",
        query=[("limit", "10"), ("b", "2"), ("a", "1"), ("a", "0"), ("z", "")],
        headers={"Content-Type": "application/json;charset=UTF-8"},
        body='{"connections":[{"id":"0df78897-35b0-4a93-ad17-0bc0585f546b","description":"节点1"}]}',
    ),
    dict(
        name="unicode and reserved characters in query keys and values",
        method="GET",
        path="/v2/items",
        query=[("名称", "值"), ("a b", "c&d=e"), ("tilde~", "x~y"), ("plus", "1+1"), ("slash", "a/b?c#d")],
        headers={},
        body="",
    ),
    dict(
        name="temporary credentials add X-Security-Token",
        method="GET",
        path="/v1/p1/things",
        query=[("marker", "abc")],
        headers={"X-Security-Token": "gQpzdGF0ZS10b2tlbi1leGFtcGxl", "X-Project-Id": "p1"},
        body="",
    ),
    dict(
        name="non-JSON body is an unsigned payload",
        method="POST",
        path="/v1/upload",
        query=[],
        headers={"Content-Type": "text/plain"},
        body="plain text body",
    ),
    dict(
        name="header names in mixed case, padded values, underscore headers unsigned",
        method="PATCH",
        path="/v1/Mixed/Case~Path/",
        query=[],
        headers={"Content-Type": "application/json", "X-Custom-Header": "  padded value  ", "X_Underscore": "skipped"},
        body="{}",
    ),
    dict(
        name="host with port and dots in a segment",
        method="HEAD",
        path="/v1/a..b/c.d",
        query=[("q", "..")],
        headers={},
        body="",
        host="127.0.0.1:8080",
    ),
    dict(
        name="non-ASCII JSON body",
        method="POST",
        path="/v1/p1/descriptions",
        query=[],
        headers={"Content-Type": "application/json", "User-Agent": "huaweicloud-api-rust/0.1.0"},
        body='{"description":"终端节点节点1, 属于账户[0605767a3300d5762fb7c0186d9e1779]"}',
    ),
]


def sdk_request(case, host, headers):
    """A fresh SdkRequest for a case (the signer mutates the one it signs)."""
    return SdkRequest(
        method=case["method"],
        schema="https",
        host=host,
        resource_path=case["path"],
        query_params=list(case["query"]),
        header_params=dict(headers),
        body=case["body"].encode("utf-8"),
    )


def vector(case):
    host = case.get("host", HOST)
    headers = dict(case["headers"])
    headers["X-Sdk-Date"] = DATE
    request = sdk_request(case, host, headers)
    signer = Signer(SimpleNamespace(ak=AK, sk=SK))
    # Computed on a copy so that the canonical request shown is the one the signature covers.
    probe = sdk_request(case, host, headers)
    Signer._process_content_header(probe)
    Signer._process_header_host(probe)
    canonical = signer._process_canonical_request(probe, Signer._process_signed_headers(probe))
    signed = signer.sign(request)
    return {
        "name": case["name"],
        "ak": AK,
        "sk": SK,
        "method": case["method"],
        "host": host,
        "path": case["path"],
        "query": [list(pair) for pair in case["query"]],
        "headers": [[k, v] for k, v in headers.items()],
        "body": case["body"],
        "expected": {
            "canonical_request": canonical,
            "uri": signed.uri,
            "authorization": signed.header_params["Authorization"],
            "signed_headers": sorted(k.lower() for k in signed.header_params if "_" not in k and k != "Authorization"),
        },
    }


if __name__ == "__main__":
    json.dump({"sdk": "huaweicloudsdkcore 3.1.219", "vectors": [vector(c) for c in CASES]}, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
