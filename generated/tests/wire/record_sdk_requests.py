#!/usr/bin/env python3
"""Record the HTTP request the official Huawei Cloud Python SDK sends for every documented VPCEP and
CES operation, so that a Rust test can send the same calls through the generated client and compare
the wire.

Run by hand, not in CI (from the workspace root):

    python3 -m venv target/sdk-venv
    target/sdk-venv/bin/pip install -r generated/tests/wire/requirements.txt
    target/sdk-venv/bin/python generated/tests/wire/record_sdk_requests.py > generated/tests/wire/sdk_requests.json

How it works. A local HTTP server on 127.0.0.1 (random port, in a thread) records every request and
answers 200 with `{}`. The SDK clients (VpcepClient, CesClient from the v1 packages) are built with
`with_endpoints(["http://127.0.0.1:<port>"])` (the SDK keeps an endpoint that starts with `http`
as it is, so plain http works and no TLS setting is involved) and AK/SK `BasicCredentials` with a
fixed fake AK/SK and the project id below (with a project id and no region the SDK makes no IAM
call). Proxy variables are removed from the environment and `socket.getaddrinfo` refuses every host
but 127.0.0.1, so nothing can reach another address. For each operation the inputs (written below as
data, from the example of the operation's documentation page) are turned into the SDK's own request
object: path and query values are set through the request class's attributes (wire name to
attribute through `attribute_map`, e.g. `dim.0` -> `dim_0`, `from` -> `_from`, converted to the
attribute's declared primitive type), and the JSON body is converted into the SDK's model classes by
a recursive converter driven by each class's `openapi_types` and `attribute_map`, so the SDK
serialises its own models. A JSON key that the SDK model does not know would be lost by the SDK; the
converter records it in the entry's `sdk_drops` (`body.a[0].b`, `query.name`, `path.name`) instead
of dropping it silently. A JSON value whose type the SDK attribute does not accept stops the script:
such inputs must be repaired in the data below, with a note. The SDK's response parsing may fail for
some operations; that is caught (and reported on stderr): the request is what matters.

Recorded per request: the method; the path exactly as sent (percent-encoded); the query as decoded
(name, value) pairs in the order sent; the headers that are neither time- nor signature-dependent nor
transport noise, with lower-case names; the body as JSON when it parses as JSON, else as text, and
null when there is none. Headers dropped, and why:

- `X-Sdk-Date`: the signing time, different on every run.
- `Authorization`: the signature, depends on the date (and on the fake AK/SK).
- `User-Agent`: identifies the SDK and Python/OS versions, not the operation.
- `Host`: the local server's random port.
- `Content-Length`: follows from the body, which is compared itself.
- `Accept-Encoding`, `Connection`, `Accept`: added by the `requests` transport, not by the SDK.

Everything else the SDK sends is kept, notably `Content-Type` and `X-Project-Id` (which
`BasicCredentials` adds to every request).

Output (stdout): JSON, UTF-8, pretty-printed, in a stable order: VPCEP then CES, operations sorted
by operationId (the SDK's name: the request class minus `Request`). Each entry has the inputs
(`path` without `project_id`, which is the top-level `project_id`; `query` as (name, value) pairs in
the page's order; `body`), `notes` (every repair of the page's example and every value chosen where
the page has none), `sdk_drops` and the recorded `request`. Documented operations the SDK does not
have are entries with `"sdk": null` and a `reason`.
"""
import json
import os
import re
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import import_module
from importlib.metadata import version
from urllib.parse import parse_qsl

SDK_VERSION = "3.1.219"
PACKAGES = ("huaweicloudsdkcore", "huaweicloudsdkvpcep", "huaweicloudsdkces")
PROJECT_ID = "0605767a3300d5762fb7c0186d9e1779"
AK = "HPUABCDEFGHIJKLMNOPQ"
SK = "sKeY0123456789abcdefghijklmnopqrstuvwxyzAB"

DROPPED_HEADERS = {
    "x-sdk-date",
    "authorization",
    "user-agent",
    "host",
    "content-length",
    "accept-encoding",
    "connection",
    "accept",
}

SERVICES = {
    "vpcep": ("huaweicloudsdkvpcep.v1", "VpcepClient"),
    "ces": ("huaweicloudsdkces.v1", "CesClient"),
}

# Ids reused where a page leaves a value as a placeholder.
SERVICE_ID_88 = "4189d3c2-8882-4871-a3c2-d380272eed88"
SERVICE_ID_83 = "4189d3c2-8882-4871-a3c2-d380272eed83"
ENDPOINT_ID_83 = "4189d3c2-8882-4871-a3c2-d380272eed83"
SPACE_IN_ID = "the example's id has a stray space ('a3c2- d380272eed8x'); removed"


def body(text):
    """A body example, as JSON text (key order kept)."""
    return json.loads(text)


def op(operation, page, path=None, query=None, body=None, notes=()):
    return dict(operation=operation, page=page, path=path or {}, query=query or [], body=body, notes=list(notes))


# VPCEP: the 30 pages under 接口参考/ with a `## URI` section, named by their API Explorer link.
VPCEP = [
    op(
        "AcceptOrRejectEndpoint",
        "接受或拒绝终端节点的连接.md",
        path={"vpc_endpoint_service_id": SERVICE_ID_88},
        body=body("""{
  "endpoints" : [ "705290f3-0d00-41f2-aedc-71f09844e879" ],
  "action" : "receive"
}"""),
        notes=[SPACE_IN_ID],
    ),
    op(
        "AddOrRemoveServicePermissions",
        "批量添加或移除终端节点服务的白名单.md",
        path={"vpc_endpoint_service_id": SERVICE_ID_88},
        body=body("""{
  "permissions" : [ "iam:domain::fc973eea581490997e82ea11a1d0101" ],
  "action" : "add"
}"""),
        notes=[SPACE_IN_ID, "the page has two examples (add, remove); the first (add) is used"],
    ),
    op(
        "BatchAddEndpointServicePermissions",
        "批量添加终端节点服务的白名单.md",
        path={"vpc_endpoint_service_id": "c07132bf-4071-439a-9ff3-2068eb45092f"},
        body=body("""{
  "permissions" : [ {
    "permission" : "*",
    "description" : "批量添加终端节点服务白名单接口"
  }, {
    "permission" : "iam:domain::4dbb0ce8766f44a9bfd08ccf8fc02397",
    "description" : "test"
  } ]
}"""),
    ),
    op(
        "BatchAddOrRemoveResourceInstance",
        "批量添加或删除资源标签接口.md",
        path={"resource_type": "endpoint_service", "resource_id": SERVICE_ID_83},
        body=body("""{
  "action" : "create",
  "tags" : [ {
    "key" : "key1",
    "value" : "value1"
  }, {
    "key" : "key",
    "value" : "value3"
  } ]
}"""),
        notes=[
            "the page has two examples (create on endpoint_service, delete on endpoint); the first is used",
            "resource_id is the placeholder {resource_id} in the example; chose " + SERVICE_ID_83
            + " (the endpoint service id of the response example of 查询终端节点服务详情)",
        ],
    ),
    op(
        "BatchRemoveEndpointServicePermissions",
        "批量移除终端节点服务的白名单.md",
        path={"vpc_endpoint_service_id": "c07132bf-4071-439a-9ff3-2068eb45092f"},
        body=body("""{
  "permissions" : [ {
    "id" : "b9b6f264-3562-4f62-ba84-c128da20d18d"
  }, {
    "id" : "c07132bf-4071-439a-9ff3-2068eb45092f"
  } ]
}"""),
    ),
    op(
        "CreateEndpoint",
        "创建终端节点.md",
        body=body("""{
  "subnet_id" : "5d1c1d71-2613-4274-b34e-d82af550f967",
  "vpc_id" : "4e65f8b1-306d-4522-8ecd-aa374000e2a4",
  "endpoint_service_id" : "813d9300-8473-405b-bfcd-f711117bad65",
  "enable_dns" : false
}"""),
        notes=['enable_dns is the string "false" in the example but Boolean on the page (and bool in the SDK); repaired to false'],
    ),
    op(
        "CreateEndpointService",
        "创建终端节点服务.md",
        body=body("""{
  "port_id" : "4189d3c2-8882-4871-a3c2-d380272eed88",
  "vpc_id" : "4189d3c2-8882-4871-a3c2-d380272eed80",
  "approval_enabled" : false,
  "service_type" : "interface",
  "server_type" : "VM",
  "ports" : [ {
    "client_port" : 8080,
    "server_port" : 90,
    "protocol" : "TCP"
  }, {
    "client_port" : 8081,
    "server_port" : 80,
    "protocol" : "TCP"
  } ]
}"""),
    ),
    op(
        "DeleteEndpoint",
        "删除终端节点.md",
        path={"vpc_endpoint_id": ENDPOINT_ID_83},
        notes=[SPACE_IN_ID],
    ),
    op(
        "DeleteEndpointPolicy",
        "删除网关型终端节点policy.md",
        path={"vpc_endpoint_id": "938c8167-631e-40a4-99f9-493753fbd16b"},
    ),
    op(
        "DeleteEndpointService",
        "删除终端节点服务.md",
        path={"vpc_endpoint_service_id": SERVICE_ID_88},
    ),
    op(
        "ListEndpointInfoDetails",
        "查询终端节点详情.md",
        path={"vpc_endpoint_id": ENDPOINT_ID_83},
        notes=[SPACE_IN_ID],
    ),
    op(
        "ListEndpointService",
        "查询终端节点服务列表.md",
        query=[
            ("endpoint_service_name", "test123"),
            ("id", SERVICE_ID_83),
            ("sort_key", "create_at"),
            ("sort_dir", "desc"),
            ("limit", "10"),
            ("offset", "0"),
            ("status", "available"),
        ],
        notes=[
            "every query value in the example is a placeholder; chose endpoint_service_name, id and status"
            " from the response example, sort_key/sort_dir/limit their documented defaults, offset 0",
        ],
    ),
    op(
        "ListEndpoints",
        "查询终端节点列表.md",
        query=[
            ("endpoint_service_name", "test123"),
            ("vpc_id", "84758cf5-9c62-43ae-a778-3dbd8370c0a4"),
            ("limit", "10"),
            ("offset", "0"),
            ("id", "03184a04-95d5-4555-86c4-e767a371ff99"),
            ("sort_key", "create_at"),
            ("sort_dir", "desc"),
        ],
        notes=[
            "every query value in the example is a placeholder; chose endpoint_service_name, vpc_id and id"
            " from the response example, limit/sort_dir their documented defaults, sort_key create_at, offset 0",
        ],
    ),
    op(
        "ListQueryProjectResourceTags",
        "查询租户资源标签接口.md",
        path={"resource_type": "endpoint_service"},
        notes=["the page has two examples (endpoint_service, endpoint); the first is used"],
    ),
    op(
        "ListQuotaDetails",
        "查询配额.md",
        query=[("type", "endpoint")],
        notes=["the page has two examples (type=endpoint, type=endpoint_service); the first is used"],
    ),
    op(
        "ListResourceInstances",
        "查询资源实例接口.md",
        path={"resource_type": "endpoint"},
        body=body("""{
    "offset": "100",
    "limit": "100",
    "action": "filter",
    "matches": [
        {
            "key": "resource_name",
            "value": "resource1"
        }
    ],
    "not_tags": [
        {
            "key": "key1",
            "values": [
                "*value1",
                "value2"
            ]
        }
    ],
    "tags": [
        {
            "key": "key1",
            "values": [
                "*value1",
                "value2"
            ]
        }
    ],
    "tags_any": [
        {
            "key": "key1",
            "values": [
                "value1",
                "value2"
            ]
        }
    ],
    "not_tags_any": [
        {
            "key": "key1",
            "values": [
                "value1",
                "value2"
            ]
        }
    ]
}"""),
        notes=[
            "the page has two examples (action filter, action count); the first (filter) is used;"
            " the line '... action为filter时请求体' between the request line and the body is prose, not body",
        ],
    ),
    op(
        "ListServiceConnections",
        "查询连接终端节点服务的连接列表.md",
        path={"vpc_endpoint_service_id": SERVICE_ID_88},
        query=[
            ("id", "adb7b229-bb11-4072-bcc0-3327cd784263"),
            ("marker_id", "16777510"),
            ("status", "accepted"),
            ("sort_key", "create_at"),
            ("sort_dir", "desc"),
            ("limit", "10"),
            ("offset", "0"),
        ],
        notes=[
            "vpc_endpoint_service_id is the placeholder {vpc_endpoint_service_id} in the example;"
            " used " + SERVICE_ID_88 + " from the page's prose example",
            "the example's query has a stray space after '?' and in '{sort_key }'; every query value is a"
            " placeholder: chose id and marker_id from the response example, status accepted,"
            " sort_key/sort_dir/limit their documented defaults, offset 0",
        ],
    ),
    op(
        "ListServiceDescribeDetails",
        "查询终端节点服务概要.md",
        query=[("id", SERVICE_ID_83)],
        notes=["the example writes the id in braces (id={4189d3c2-...}); braces removed"],
    ),
    op(
        "ListServiceDetails",
        "查询终端节点服务详情.md",
        path={"vpc_endpoint_service_id": SERVICE_ID_88},
        notes=[
            "vpc_endpoint_service_id is the placeholder {vpc_endpoint_service_id} in the example;"
            " used " + SERVICE_ID_88 + " from the page's prose example",
        ],
    ),
    op(
        "ListServicePermissionsDetails",
        "查询终端节点服务的白名单列表.md",
        path={"vpc_endpoint_service_id": SERVICE_ID_88},
        query=[
            ("permission", "iam:domain::fc973eea581490997e82ea11a1d0101"),
            ("sort_dir", "desc"),
            ("limit", "10"),
            ("offset", "0"),
        ],
        notes=[
            "every query value in the example is a placeholder (the page's prose example sends none);"
            " chose permission from the example of 批量添加或移除终端节点服务的白名单, sort_dir/limit their"
            " documented defaults, offset 0",
        ],
    ),
    op(
        "ListServicePublicDetails",
        "查询公共终端节点服务列表.md",
        query=[
            ("limit", "10"),
            ("offset", "0"),
            ("endpoint_service_name", "test123"),
            ("id", "b0e22f6f-26f4-461c-b140-d873464d4fa0"),
            ("sort_key", "create_at"),
            ("sort_dir", "desc"),
        ],
        notes=[
            "every query value in the example is a placeholder; chose endpoint_service_name and id from"
            " the response example, limit/sort_key/sort_dir their documented defaults, offset 0",
        ],
    ),
    op(
        "ListSpecifiedVersionDetails",
        "查询指定VPC终端节点接口版本信息.md",
        path={"version": "v1"},
    ),
    op(
        "ListVersionDetails",
        "查询VPC终端节点接口版本列表.md",
    ),
    op(
        "UpdateEndpointConnectionsDesc",
        "更新终端节点连接描述.md",
        path={"vpc_endpoint_service_id": "813d9300-8473-405b-bfcd-f711117bad65"},
        body=body("""{
  "connections" : [ {
    "id" : "0df78897-35b0-4a93-ad17-0bc0585f546b",
    "description" : "终端节点节点1, 属于账户[0605767a3300d5762fb7c0186d9e1779]iaas_commonnet_odin_26"
  }, {
    "id" : "0d837f75-90d5-4528-bd11-5d974238ebca",
    "description" : "终端节点节点2, 属于账户[7876999999999]iaas_commonnet_odin_26"
  } ]
}"""),
        notes=[
            "the example's request line has no method (a bare URL); PUT per the URI section",
            "the page documents project_id with minimum length 36, but project ids (this one, and the one"
            " in the example's own description) have 32 characters",
        ],
    ),
    op(
        "UpdateEndpointPolicy",
        "修改网关型终端节点policy.md",
        path={"vpc_endpoint_id": "938c8167-631e-40a4-99f9-493753fbd16b"},
        body=body("""{
  "policy_statement" : [ {
    "Action" : [ "obs:*:*" ],
    "Resource" : [ "obs:*:*:*:*/*", "obs:*:*:*:*" ],
    "Effect" : "Allow"
  } ]
}"""),
        notes=[
            "the page's table types PolicyStatement.Action as String, but the example (and the SDK,"
            " list[str]) use an array of strings; kept the example",
        ],
    ),
    op(
        "UpdateEndpointRoutetable",
        "修改终端节点路由表.md",
        path={"vpc_endpoint_id": ENDPOINT_ID_83},
        body=body("""{
  "routetables" : [ "705290f3-0d00-41f2-aedc-71f09844e879" ]
}"""),
        notes=[SPACE_IN_ID],
    ),
    op(
        "UpdateEndpointService",
        "修改终端节点服务.md",
        path={"vpc_endpoint_service_id": SERVICE_ID_88},
        body=body("""{
  "approval_enabled" : true,
  "service_name" : "test",
  "ports" : [ {
    "client_port" : 8081,
    "server_port" : 22,
    "protocol" : "TCP"
  }, {
    "client_port" : 8082,
    "server_port" : 23,
    "protocol" : "TCP"
  } ]
}"""),
        notes=[SPACE_IN_ID],
    ),
    op(
        "UpdateEndpointServiceName",
        "修改终端节点服务名称.md",
        path={"vpc_endpoint_service_id": "070c4a63-8a62-448e-89ed-f2cbde8e6a3b"},
        body=body("""{
  "endpoint_service_name" : "test222_name_234"
}"""),
        notes=[
            "the example's request line has no method (a bare URL); PUT per the URI section",
            "the example's endpoint_service_name test222_name_23432 has 18 characters, above the page's"
            " documented maximum length 16; shortened to its first 16 characters",
        ],
    ),
    op(
        "UpdateEndpointServicePermissionDesc",
        "更新终端节点服务白名单描述.md",
        path={
            "vpc_endpoint_service_id": "c07132bf-4071-439a-9ff3-2068eb45092f",
            "permission_id": "849046d9-7342-44ba-b2d2-367d8de6311b",
        },
        body=body("""{
  "permission" : {
    "description" : "终端节点服务添加白名单"
  }
}"""),
    ),
    op(
        "UpdateEndpointWhite",
        "更新终端节点的白名单.md",
        path={"vpc_endpoint_id": ENDPOINT_ID_83},
        body=body("""{
  "whitelist": [
    "192.168.1.1",
    "192.168.1.2"
  ],
  "enable_whitelist": true
}"""),
        notes=[SPACE_IN_ID, "the example body is not JSON (a trailing comma after the last member); removed"],
    ),
]

ALARM_ID = "al1441967036681YkazZ0deN"

# CES: the 14 pages under API参考/ with a `## URI` section (their links name no API), by the SDK's
# operation names; two of them have no SDK operation.
CES = [
    op(
        "BatchListMetricData",
        "批量查询监控数据.md",
        body=body("""{
  "metrics" : [
    {
      "namespace": "SYS.ECS",
       "dimensions": [
          {
            "name": "instance_id",
            "value": "faea5b75-e390-4e2b-8733-9226a9026070"
          }
       ],
     "metric_name": "disk_write_bytes_rate"
    },
    {
      "namespace": "SYS.ECS",
       "dimensions": [
          {
            "name": "instance_id",
            "value": "06b4020f-461a-4a52-84da-53fa71c2f42b"
          }
       ],
     "metric_name": "disk_write_requests_rate"
    }
  ],
  "from": 1484153313000,
  "to": 1484653313000,
  "period": "1",
  "filter": "average"
}"""),
    ),
    op(
        "CreateAlarm",
        "创建告警规则.md",
        body=body("""{
    "alarm_name": "alarm-rp0E",
    "alarm_description": "",
    "metric": {
        "namespace": "SYS.ECS",
        "dimensions": [
            {
                "name": "instance_id",
                "value": "33328f02-3814-422e-b688-bfdba93d4051"
            }
        ],
        "metric_name": "network_outgoing_bytes_rate_inband"
    },
    "condition": {
        "period": 300,
        "filter": "average",
        "comparison_operator": ">=",
        "value": 6,
        "unit": "B/s",
        "count": 1
   },
    "alarm_enabled": true,
    "alarm_action_enabled": true,
    "alarm_level": 2,
    "alarm_actions": [
        {
            "type": "notification",
            "notificationList": ["urn:smn:region:68438a86d98e427e907e0097b7e35d48:sd"]
        }
    ],
    "ok_actions": [
        {
            "type": "notification",
            "notificationList": ["urn:smn:region:68438a86d98e427e907e0097b7e35d48:sd"]
        }
    ],
    "insufficientdata_actions": [
        {
            "type": "notification",
            "notificationList": ["urn:smn:region:68438a86d98e427e907e0097b7e35d48:sd"]
        }
    ]
}"""),
        notes=[
            "the page's tables type ok_actions/insufficientdata_actions notificationList as Array of objects;"
            " the example (and the SDK, list[str]) use strings; kept the example",
            "condition.value is the integer 6 in the example; the SDK types it float but sends the int as given",
        ],
    ),
    op(
        "CreateEvents",
        "上报事件.md",
        body=body("""[{
    "event_name":"systemInvaded",
    "event_source":"financial.Sytem",
    "time":1522121194000,
    "detail":{
        "content":"The financial system was invaded",
        "group_id":"rg15221211517051YWWkEnVd",
        "resource_id":"1234567890sjgggad",
        "resource_name":"ecs001",
        "event_state":"normal",
        "event_level":"Major",
        "event_user":"xiaokong"
    }
},
{
    "event_name":"systemInvaded",
    "event_source":"financial.Sytem",
    "time":1522121194020,
    "detail":{
        "content":"The financial system was invaded",
        "group_id":"rg15221211517051YWWkEnVd",
        "resource_id":"1234567890sjgggad",
        "resource_name":"ecs001",
        "event_state":"normal",
        "event_level":"Major",
        "event_user":"xihong"
    }
}]"""),
    ),
    op(
        "CreateMetricData",
        "添加监控数据.md",
        body=body("""[
    {
        "metric": {
            "namespace": "MINE.APP",
            "dimensions": [
                {
                    "name": "instance_id",
                    "value": "33328f02-3814-422e-b688-bfdba93d4050"
                }
            ],
            "metric_name": "cpu_util"
        },
        "ttl": 172800,
        "collect_time": 1463598260000,
        "type": "int",
        "value": 60,
        "unit": "%"
    },
    {
        "metric": {
            "namespace": "MINE.APP",
            "dimensions": [
                {
                    "name": "instance_id",
                    "value": "33328f02-3814-422e-b688-bfdba93d4050"
                }
            ],
            "metric_name": "cpu_util"
        },
        "ttl": 172800,
        "collect_time": 1463598270000,
        "type": "int",
        "value": 70,
        "unit": "%"
    }
]"""),
        notes=[
            "the page's table types collect_time as String; the example (and the SDK, int) use an integer"
            " (milliseconds); kept the example",
            "value is an integer in the example; the SDK types it float but sends the int as given",
        ],
    ),
    op(
        "DeleteAlarm",
        "删除告警规则.md",
        path={"alarm_id": ALARM_ID},
    ),
    op(
        "ListAlarms",
        "查询告警规则列表.md",
        query=[("start", ALARM_ID), ("limit", "10"), ("order", "desc")],
        notes=["the page has two examples (without and with a query); the second (with the query) is used"],
    ),
    op(
        "ListMetrics",
        "查询指标列表.md",
        query=[
            ("namespace", "SYS.ECS"),
            ("metric_name", "cpu_util"),
            ("dim.0", "instance_id,6f3c6f91-4b24-4e1b-b7d1-a94ac1cb011d"),
            ("limit", "10"),
            ("order", "desc"),
        ],
        notes=["the page has two examples (without and with a query); the second (with the query) is used"],
    ),
    op(
        "ShowAlarm",
        "查询单条告警规则信息.md",
        path={"alarm_id": ALARM_ID},
    ),
    op(
        "ShowEventData",
        "查询主机配置数据.md",
        query=[
            ("namespace", "SYS.ECS"),
            ("dim.0", "instance_id,33328f02-3814-422e-b688-bfdba93d4051"),
            ("type", "instance_host_info"),
            ("from", "1450234543422"),
            ("to", "1450320943422"),
        ],
        notes=["the page types from/to as String, the SDK as int; the same text on the wire"],
    ),
    op(
        "ShowMetricData",
        "查询监控数据.md",
        query=[
            ("namespace", "SYS.CloudTable"),
            ("metric_name", "cmdProcessMem"),
            ("dim.0", "cluster_id,f2fbxxxc-36b2-4d1d-895d-972a4d656xxx"),
            ("dim.1", "instance_name,hmaster-active"),
            ("from", "1556625600000"),
            ("to", "1556632800000"),
            ("period", "1200"),
            ("filter", "variance"),
        ],
        notes=[
            "the page has two examples (one dimension, two dimensions); the second is used, for dim.1",
            "the page types from/to as String, the SDK as int; the same text on the wire",
        ],
    ),
    op(
        "ShowQuotas",
        "查询配额.md",
    ),
    op(
        "UpdateAlarmAction",
        "启停告警规则.md",
        path={"alarm_id": ALARM_ID},
        body=body("""{
    "alarm_enabled":true
}"""),
    ),
]

NO_SDK_REASON = "the official SDK has no such operation"
CES_WITHOUT_SDK = [
    dict(operation="ListApiVersions", page="查询API所有版本.md", method="GET", uri="/"),
    dict(operation="ShowApiVersion", page="查询API指定版本号.md", method="GET", uri="/{api_version}"),
]


# --- the local server -------------------------------------------------------------------------


class Recorder(BaseHTTPRequestHandler):
    """Records each request and answers 200 `{}`."""

    protocol_version = "HTTP/1.1"

    def handle_any(self):
        if self.headers.get("Transfer-Encoding"):
            raise RuntimeError("chunked request bodies are not expected")
        length = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(length) if length else b""
        self.server.recorded.append((self.command, self.path, list(self.headers.items()), data))
        payload = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

    def log_message(self, *args):
        pass


def start_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.daemon_threads = True
    server.recorded = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def confine_network():
    """Only 127.0.0.1 can be reached: no proxies, and every other name fails to resolve."""
    for name in list(os.environ):
        if name.lower() in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
            del os.environ[name]
    os.environ["NO_PROXY"] = "127.0.0.1"
    resolve = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise OSError(f"record_sdk_requests.py only talks to 127.0.0.1, not {host!r}")
        return resolve(host, *args, **kwargs)

    socket.getaddrinfo = local_only


# --- inputs to SDK objects ----------------------------------------------------------------------

PRIMITIVES = {
    "str": lambda v: isinstance(v, str),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "object": lambda v: True,
    "date": lambda v: isinstance(v, str),
    "datetime": lambda v: isinstance(v, str),
}


def enum_values(cls):
    """The allowed values of an SDK enum class (a model without attributes, with constants)."""
    return [v for k, v in vars(cls).items() if not k.startswith("__") and isinstance(v, (str, int, float, bool))]


def to_sdk(value, type_name, models, where, drops, notes):
    """The JSON `value` as an instance of the SDK type `type_name` (`str`, `list[X]`, `dict(str, X)`,
    a model class of `models`); unknown keys are added to `drops`."""
    list_of = re.fullmatch(r"list\[(.*)\]", type_name)
    if list_of:
        if not isinstance(value, list):
            raise TypeError(f"{where}: the SDK expects {type_name}, the input is {value!r}")
        return [to_sdk(v, list_of.group(1), models, f"{where}[{i}]", drops, notes) for i, v in enumerate(value)]
    dict_of = re.fullmatch(r"dict\(([^,]*), (.*)\)", type_name)
    if dict_of:
        if not isinstance(value, dict):
            raise TypeError(f"{where}: the SDK expects {type_name}, the input is {value!r}")
        return {k: to_sdk(v, dict_of.group(2), models, f"{where}.{k}", drops, notes) for k, v in value.items()}
    if type_name in PRIMITIVES:
        if not PRIMITIVES[type_name](value):
            raise TypeError(f"{where}: the SDK expects {type_name}, the input is {value!r}; repair the input")
        return value
    cls = getattr(models, type_name)
    if hasattr(cls, "get_real_child_model"):
        raise TypeError(f"{where}: {type_name} has a discriminator, which this converter does not handle")
    if not cls.openapi_types:
        allowed = enum_values(cls)
        if allowed and value not in allowed:
            notes.append(f"SDK: {where} = {value!r} is not among the values of the SDK's enum {type_name} {allowed}")
        return value
    if not isinstance(value, dict):
        raise TypeError(f"{where}: the SDK expects the object {type_name}, the input is {value!r}")
    attribute_of = {wire: attr for attr, wire in cls.attribute_map.items()}
    kwargs = {}
    for key, item in value.items():
        attr = attribute_of.get(key)
        if attr is None:
            drops.append(f"{where}.{key}")
            continue
        kwargs[attr] = to_sdk(item, cls.openapi_types[attr], models, f"{where}.{key}", drops, notes)
    return cls(**kwargs)


def parameter(text, type_name, where):
    """A path or query value (text) in the request attribute's declared type."""
    if type_name == "str":
        return text
    if type_name == "int":
        return int(text)
    if type_name == "float":
        return float(text)
    if type_name == "bool":
        if text not in ("true", "false"):
            raise ValueError(f"{where}: {text!r} is not a boolean")
        return text == "true"
    return to_sdk(text, type_name, None, where, [], [])


def snake_case(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def build_request(models, spec, drops, notes):
    cls = getattr(models, spec["operation"] + "Request")
    request = cls()
    attribute_of = {wire: attr for attr, wire in cls.attribute_map.items()}
    for kind, pairs in (("path", list(spec["path"].items())), ("query", spec["query"])):
        for name, text in pairs:
            attr = attribute_of.get(name)
            if attr is None or attr == "body":
                drops.append(f"{kind}.{name}")
                continue
            setattr(request, attr, parameter(text, cls.openapi_types[attr], f"{kind}.{name}"))
    if spec["body"] is not None:
        if "body" not in cls.openapi_types:
            drops.append("body")
        else:
            request.body = to_sdk(spec["body"], cls.openapi_types["body"], models, "body", drops, notes)
    return request


# --- recording ----------------------------------------------------------------------------------


def recorded_request(method, target, headers, data):
    path, _, query = target.partition("?")
    kept = {}
    for name, value in headers:
        if name.lower() in DROPPED_HEADERS:
            continue
        if name.lower() in kept:
            raise RuntimeError(f"header {name} sent twice")
        kept[name.lower()] = value
    if not data:
        payload = None
    else:
        text = data.decode("utf-8")
        try:
            payload = json.loads(text)
        except ValueError:
            payload = text
    return {
        "method": method,
        "path": path,
        "query": [[k, v] for k, v in parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query))],
        "headers": dict(sorted(kept.items())),
        "body": payload,
    }


def client_for(service, endpoint):
    from huaweicloudsdkcore.auth.credentials import BasicCredentials

    module, client_name = SERVICES[service]
    client_cls = getattr(import_module(module), client_name)
    credentials = BasicCredentials(AK, SK, PROJECT_ID)
    return client_cls.new_builder().with_credentials(credentials).with_endpoints([endpoint]).build()


def record(service, spec, client, server):
    module, client_name = SERVICES[service]
    models = import_module(module)
    drops, notes = [], list(spec["notes"])
    request = build_request(models, spec, drops, notes)
    method = snake_case(spec["operation"])
    server.recorded.clear()
    try:
        getattr(client, method)(request)
    except Exception as error:  # the response, not the request, is what failed
        print(f"{spec['operation']}: the SDK raised {type(error).__name__}: {error}", file=sys.stderr)
    if len(server.recorded) != 1:
        raise RuntimeError(f"{spec['operation']}: expected one request, the server saw {len(server.recorded)}")
    return {
        "operation": spec["operation"],
        "service": service,
        "page": spec["page"],
        "sdk": f"{module}.{client_name}.{method}",
        "inputs": {
            "path": spec["path"],
            "query": [list(pair) for pair in spec["query"]],
            "body": spec["body"],
        },
        "notes": notes,
        "sdk_drops": drops,
        "request": recorded_request(*server.recorded[0]),
    }


def main():
    versions = {package: version(package) for package in PACKAGES}
    wrong = {p: v for p, v in versions.items() if v != SDK_VERSION}
    if wrong:
        sys.exit(f"expected the SDK packages at {SDK_VERSION}, found {wrong}")
    confine_network()
    server = start_server()
    endpoint = f"http://127.0.0.1:{server.server_address[1]}"
    calls = []
    for service, specs in (("vpcep", VPCEP), ("ces", CES)):
        client = client_for(service, endpoint)
        entries = [record(service, spec, client, server) for spec in specs]
        if service == "ces":
            entries += [
                {
                    "operation": entry["operation"],
                    "service": service,
                    "page": entry["page"],
                    "sdk": None,
                    "reason": NO_SDK_REASON,
                    "page_request": {"method": entry["method"], "path": entry["uri"]},
                }
                for entry in CES_WITHOUT_SDK
            ]
        calls += sorted(entries, key=lambda entry: entry["operation"])
    server.shutdown()
    names = [call["operation"] for call in calls]
    if len(names) != len(set(names)):
        raise RuntimeError("an operation is listed twice")
    output = {"sdk": versions, "project_id": PROJECT_ID, "calls": calls}
    json.dump(output, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
