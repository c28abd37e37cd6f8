// Generated from the rules' meta.docs by `npm run catalog`; do not edit. test/registry.test.ts checks it is current.
import type { RuleCatalogEntry } from './rule-catalog.js';

export const ruleCatalog: Readonly<Record<string, RuleCatalogEntry>> = {
  "no-session-id-header": {
    "description": "Disallow the Mcp-Session-Id header and transport session ids, which MCP 2026-07-28 removed",
    "findings": {
      "readsHeader": {
        "severity": "error",
        "fix": "transform",
        "transform": "http-handler"
      },
      "writesHeader": {
        "severity": "error",
        "fix": "transform",
        "transform": "session-header"
      },
      "listsHeaderInCors": {
        "severity": "warning",
        "fix": "transform",
        "transform": "session-header"
      },
      "namesHeader": {
        "severity": "warning",
        "fix": "manual"
      },
      "readsTransportSessionId": {
        "severity": "error",
        "fix": "transform",
        "transform": "http-handler"
      },
      "passesClientSessionId": {
        "severity": "error",
        "fix": "transform",
        "transform": "session-header"
      },
      "terminatesSession": {
        "severity": "error",
        "fix": "transform",
        "transform": "session-header"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "mcp-session-id",
      "@modelcontextprotocol/"
    ]
  },
  "no-legacy-resource-not-found-code": {
    "description": "Disallow -32002 as the resource-not-found error code, which MCP 2026-07-28 replaced with -32602",
    "findings": {
      "emitsLegacyCode": {
        "severity": "error",
        "fix": "safe"
      },
      "comparesLegacyCode": {
        "severity": "warning",
        "fix": "safe"
      },
      "assertsLegacyCode": {
        "severity": "warning",
        "fix": "manual"
      },
      "bindsLegacyCode": {
        "severity": "warning",
        "fix": "manual"
      },
      "usesLegacyCode": {
        "severity": "warning",
        "fix": "manual"
      },
      "returnsEmptyContents": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "32002",
      "ResourceNotFound",
      "resources/read",
      "@modelcontextprotocol/"
    ]
  },
  "no-ping": {
    "description": "Disallow MCP ping, which MCP 2026-07-28 removed",
    "findings": {
      "callsPing": {
        "severity": "error",
        "fix": "manual"
      },
      "keepAlivePing": {
        "severity": "error",
        "fix": "manual"
      },
      "handlesPing": {
        "severity": "error",
        "fix": "manual"
      },
      "sendsPing": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "ping"
    ],
    "prefilterAlso": [
      "@modelcontextprotocol/",
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged"
    ]
  },
  "prefer-extensions-capability": {
    "description": "Declare MCP extensions under capabilities.extensions, which MCP 2026-07-28 added, rather than capabilities.experimental",
    "findings": {
      "extensionUnderExperimental": {
        "severity": "warning",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "experimental"
    ],
    "prefilterAlso": [
      "@modelcontextprotocol/",
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged",
      "io.modelcontextprotocol/",
      "protocolVersion",
      "supportedVersions"
    ]
  },
  "no-reserved-meta-keys": {
    "description": "Disallow namespaced trace-context keys and application keys under reserved prefixes in MCP _meta objects",
    "findings": {
      "namespacedTraceKey": {
        "severity": "warning",
        "fix": "manual"
      },
      "reservedPrefix": {
        "severity": "warning",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "_meta",
      "envelope"
    ],
    "prefilterAlso": [
      "@modelcontextprotocol/",
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged",
      "io.modelcontextprotocol"
    ]
  },
  "no-initialize-handshake": {
    "description": "Disallow the initialize handshake, which MCP 2026-07-28 replaced with per-request _meta and server/discover",
    "findings": {
      "checksInitializeRequest": {
        "severity": "error",
        "fix": "transform",
        "transform": "http-handler"
      },
      "handlesInitialize": {
        "severity": "error",
        "fix": "transform",
        "transform": "initialize-to-discover"
      },
      "handlesInitialized": {
        "severity": "error",
        "fix": "transform",
        "transform": "initialize-to-discover"
      },
      "gatesOnHandshake": {
        "severity": "error",
        "fix": "manual"
      },
      "readsClientInfo": {
        "severity": "error",
        "fix": "transform",
        "transform": "client-info-meta"
      },
      "storesInitializeParams": {
        "severity": "error",
        "fix": "manual"
      },
      "returnsInitializeResult": {
        "severity": "error",
        "fix": "transform",
        "transform": "initialize-to-discover"
      },
      "sendsInitialize": {
        "severity": "error",
        "fix": "manual"
      },
      "readsInitializeResult": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "initialize",
      "getClientCapabilities",
      "getClientVersion",
      "serverInfo",
      "server/discover"
    ],
    "prefilterAlso": [
      "@modelcontextprotocol/",
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged",
      "protocolVersion",
      "notifications/"
    ]
  },
  "require-authorization-issuer": {
    "description": "Require MCP clients to check the authorization server issuer (RFC 9207 `iss`, RFC 8414 metadata `issuer`), as MCP 2026-07-28 does",
    "findings": {
      "callbackIgnoresIssuer": {
        "severity": "error",
        "fix": "manual"
      },
      "redeemsCodeWithoutIssuer": {
        "severity": "error",
        "fix": "manual"
      },
      "v1RedeemsCodeWithoutIssuer": {
        "severity": "error",
        "fix": "manual"
      },
      "metadataIssuerNotCompared": {
        "severity": "error",
        "fix": "manual"
      },
      "skipsIssuerValidation": {
        "severity": "error",
        "fix": "manual"
      },
      "advertisesOfflineAccess": {
        "severity": "warning",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "@modelcontextprotocol/",
      "oauth-protected-resource",
      "authorization_servers",
      "resource_metadata"
    ]
  },
  "require-dcr-application-type": {
    "description": "Require `application_type` in OAuth Dynamic Client Registration, which MCP 2026-07-28 requires and deprecates in favour of Client ID Metadata Documents",
    "findings": {
      "missingApplicationType": {
        "severity": "error",
        "fix": "manual"
      },
      "usesDynamicRegistration": {
        "severity": "warning",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "@modelcontextprotocol/",
      "oauth-protected-resource"
    ]
  },
  "no-legacy-tasks-api": {
    "description": "Disallow the 2025-11-25 experimental Tasks API, which MCP 2026-07-28 replaced with the io.modelcontextprotocol/tasks extension",
    "findings": {
      "serverTasksCapability": {
        "severity": "error",
        "fix": "transform",
        "transform": "tasks-extension"
      },
      "clientTasksCapability": {
        "severity": "error",
        "fix": "transform",
        "transform": "tasks-extension"
      },
      "declaresTaskSupport": {
        "severity": "error",
        "fix": "manual"
      },
      "sendsTaskParam": {
        "severity": "error",
        "fix": "manual"
      },
      "requestsClientTask": {
        "severity": "error",
        "fix": "manual"
      },
      "pollsClientTask": {
        "severity": "error",
        "fix": "manual"
      },
      "readsTaskParam": {
        "severity": "error",
        "fix": "manual"
      },
      "returnsNestedTask": {
        "severity": "error",
        "fix": "transform",
        "transform": "tasks-extension"
      },
      "readsNestedTask": {
        "severity": "error",
        "fix": "manual"
      },
      "renamedTaskField": {
        "severity": "error",
        "fix": "transform",
        "transform": "tasks-extension"
      },
      "usesTasksResult": {
        "severity": "error",
        "fix": "manual"
      },
      "usesTasksList": {
        "severity": "error",
        "fix": "transform",
        "transform": "tasks-extension"
      },
      "cancelReturnsTask": {
        "severity": "error",
        "fix": "manual"
      },
      "usesTaskStatusNotification": {
        "severity": "error",
        "fix": "transform",
        "transform": "tasks-extension"
      },
      "usesRelatedTaskMeta": {
        "severity": "error",
        "fix": "manual"
      },
      "failsTaskOnToolError": {
        "severity": "error",
        "fix": "manual"
      },
      "usesSdkTasksApi": {
        "severity": "error",
        "fix": "manual"
      },
      "usesLegacyTaskShape": {
        "severity": "error",
        "fix": "manual"
      },
      "usesImmediateResponseMeta": {
        "severity": "warning",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "task",
      "sdk/experimental",
      "io.modelcontextprotocol/model-immediate-response"
    ],
    "prefilterAlso": [
      "@modelcontextprotocol/",
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged",
      "taskSupport",
      "io.modelcontextprotocol/"
    ]
  },
  "no-deprecated-logging": {
    "description": "Disallow logging/setLevel, which MCP 2026-07-28 removed, and flag the rest of MCP Logging, which it deprecated",
    "findings": {
      "handlesSetLevel": {
        "severity": "error",
        "fix": "transform",
        "transform": "logging-to-request-log"
      },
      "storesLogLevel": {
        "severity": "error",
        "fix": "transform",
        "transform": "logging-to-request-log"
      },
      "sendsSetLevel": {
        "severity": "error",
        "fix": "manual"
      },
      "sendsLogNotification": {
        "severity": "warning",
        "fix": "transform",
        "transform": "logging-to-request-log"
      },
      "sendsUnsolicitedLog": {
        "severity": "error",
        "fix": "transform",
        "transform": "logging-to-request-log"
      },
      "declaresLoggingCapability": {
        "severity": "warning",
        "fix": "manual"
      },
      "consumesLogNotifications": {
        "severity": "warning",
        "fix": "manual"
      },
      "consoleLogInStdioServer": {
        "severity": "warning",
        "fix": "safe"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "logging",
      "SetLevelRequestSchema",
      "notifications/message",
      "stdio",
      "stdin"
    ],
    "prefilterAlso": [
      "@modelcontextprotocol/",
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged"
    ]
  },
  "no-cursor-truthiness": {
    "description": "Disallow truthiness tests on MCP list cursors, since MCP 2026-07-28 makes the empty string a valid cursor",
    "findings": {
      "treatsEmptyCursorAsEnd": {
        "severity": "warning",
        "fix": "safe"
      },
      "cursorMayBeEmpty": {
        "severity": "warning",
        "fix": "manual"
      },
      "replacesEmptyCursor": {
        "severity": "warning",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "nextCursor"
    ]
  },
  "no-session-state": {
    "description": "Disallow application state keyed by the MCP session, which MCP 2026-07-28 removed",
    "findings": {
      "generatesSessionIds": {
        "severity": "error",
        "fix": "transform",
        "transform": "http-handler"
      },
      "sessionLifecycleCallback": {
        "severity": "error",
        "fix": "transform",
        "transform": "http-handler"
      },
      "sessionKeyedTransports": {
        "severity": "error",
        "fix": "transform",
        "transform": "http-handler"
      },
      "sessionKeyedState": {
        "severity": "error",
        "fix": "transform",
        "transform": "session-state-handles"
      },
      "sessionIdForCorrelation": {
        "severity": "warning",
        "fix": "manual"
      },
      "processStateAsSession": {
        "severity": "warning",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "@modelcontextprotocol/",
      "mcp-session-id"
    ]
  },
  "no-dynamic-tool-list": {
    "description": "Disallow tool, prompt and resource lists that vary per connection or with earlier requests, which MCP 2026-07-28 forbids",
    "findings": {
      "changesListInHandler": {
        "severity": "error",
        "fix": "manual"
      },
      "registersInHandler": {
        "severity": "error",
        "fix": "manual"
      },
      "changesListAtRuntime": {
        "severity": "warning",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "@modelcontextprotocol/"
    ]
  },
  "no-deprecated-roots": {
    "description": "Disallow server-sent roots/list requests and the removed roots list_changed notification, and warn on Roots, which MCP 2026-07-28 deprecated",
    "findings": {
      "requestsRoots": {
        "severity": "error",
        "fix": "transform",
        "transform": "push-to-input-required"
      },
      "removedRootsListChanged": {
        "severity": "error",
        "fix": "manual"
      },
      "requestsRootsInput": {
        "severity": "warning",
        "fix": "manual"
      },
      "declaresRootsCapability": {
        "severity": "warning",
        "fix": "manual"
      },
      "handlesRootsRequests": {
        "severity": "warning",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "roots"
    ],
    "prefilterAlso": [
      "@modelcontextprotocol/",
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged"
    ]
  },
  "no-deprecated-sampling": {
    "description": "Disallow server-sent sampling/createMessage requests, and warn on Sampling, which MCP 2026-07-28 deprecated",
    "findings": {
      "requestsSampling": {
        "severity": "error",
        "fix": "transform",
        "transform": "push-to-input-required"
      },
      "requestsSamplingInput": {
        "severity": "warning",
        "fix": "manual"
      },
      "includesContext": {
        "severity": "warning",
        "fix": "manual"
      },
      "declaresSamplingCapability": {
        "severity": "warning",
        "fix": "manual"
      },
      "handlesSamplingRequests": {
        "severity": "warning",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "sampling",
      "createMessage",
      "includeContext"
    ],
    "prefilterAlso": [
      "@modelcontextprotocol/",
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged",
      "includeContext"
    ]
  },
  "no-server-to-client-requests": {
    "description": "Disallow server-to-client requests (push-style elicitation, URL elicitation errors, custom requests), which MCP 2026-07-28 replaced with input_required results",
    "findings": {
      "elicitsInput": {
        "severity": "error",
        "fix": "transform",
        "transform": "push-to-input-required"
      },
      "writesElicitationRequest": {
        "severity": "error",
        "fix": "manual"
      },
      "sendsServerRequest": {
        "severity": "error",
        "fix": "manual"
      },
      "throwsUrlElicitationError": {
        "severity": "error",
        "fix": "manual"
      },
      "expectsUrlElicitationError": {
        "severity": "warning",
        "fix": "manual"
      },
      "removedElicitationCompletion": {
        "severity": "error",
        "fix": "manual"
      },
      "awaitsElicitationCompletion": {
        "severity": "warning",
        "fix": "manual"
      },
      "parksPendingRequest": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "elicit",
      "32042",
      "ping",
      "roots/list",
      "sampling/createMessage",
      "@modelcontextprotocol/"
    ],
    "prefilterAlso": [
      "@modelcontextprotocol/",
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged",
      "elicit"
    ]
  },
  "require-request-header-validation": {
    "description": "Require hand-rolled MCP HTTP servers to validate the MCP-Protocol-Version, Mcp-Method, Mcp-Name and Mcp-Param-* headers and the `_meta` envelope, as MCP 2026-07-28 does",
    "findings": {
      "unvalidatedRequests": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged"
    ]
  },
  "require-server-discover": {
    "description": "Require hand-rolled MCP servers to handle server/discover, which every MCP 2026-07-28 server must implement",
    "findings": {
      "missingServerDiscover": {
        "severity": "error",
        "fix": "transform",
        "transform": "initialize-to-discover"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged"
    ]
  },
  "require-result-fields": {
    "description": "Require resultType on every result of a hand-rolled MCP server, and ttlMs and cacheScope on cacheable ones, as MCP 2026-07-28 does",
    "findings": {
      "missingResultType": {
        "severity": "error",
        "fix": "safe"
      },
      "missingCacheHints": {
        "severity": "error",
        "fix": "safe"
      },
      "missingResultTypeAndCacheHints": {
        "severity": "error",
        "fix": "safe"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged"
    ]
  },
  "no-legacy-subscriptions": {
    "description": "Disallow resources/subscribe and unsolicited list_changed and resources/updated notifications, which MCP 2026-07-28 replaced with subscriptions/listen",
    "findings": {
      "handlesSubscribe": {
        "severity": "error",
        "fix": "manual"
      },
      "storesSubscription": {
        "severity": "error",
        "fix": "manual"
      },
      "callsSubscribe": {
        "severity": "error",
        "fix": "manual"
      },
      "sendsSubscribe": {
        "severity": "error",
        "fix": "manual"
      },
      "sendsChangeUnsolicited": {
        "severity": "error",
        "fix": "manual"
      },
      "writesChangeNotification": {
        "severity": "error",
        "fix": "manual"
      },
      "listensWithoutSubscription": {
        "severity": "warning",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "resources/subscribe",
      "resources/unsubscribe",
      "SubscribeRequestSchema",
      "UnsubscribeRequestSchema",
      "subscribeResource",
      "unsubscribeResource",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "ToolListChangedNotificationSchema",
      "PromptListChangedNotificationSchema",
      "ResourceListChangedNotificationSchema",
      "ResourceUpdatedNotificationSchema",
      "sendToolListChanged",
      "sendPromptListChanged",
      "sendResourceListChanged",
      "sendResourceUpdated"
    ]
  },
  "require-http-status-codes": {
    "description": "Require HTTP 404 for -32601 and HTTP 400 for -32602 (missing _meta), -32020, -32021 and -32022 in hand-rolled MCP Streamable HTTP servers, as MCP 2026-07-28 does",
    "findings": {
      "methodNotFoundStatus": {
        "severity": "error",
        "fix": "manual"
      },
      "badRequestStatus": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "32601",
      "32602",
      "32020",
      "32021",
      "32022",
      "MethodNotFound",
      "METHOD_NOT_FOUND",
      "InvalidParams",
      "INVALID_PARAMS",
      "MissingRequiredClientCapability",
      "UnsupportedProtocolVersion"
    ],
    "prefilterAlso": [
      "@modelcontextprotocol/",
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged"
    ]
  },
  "no-legacy-cancellation": {
    "description": "Disallow 2025 cancellation and progress messages that MCP 2026-07-28 no longer sends: `notifications/cancelled` over HTTP or from servers, or without `requestId`, and client `notifications/progress`",
    "findings": {
      "httpServerCancelsOnNotification": {
        "severity": "error",
        "fix": "manual"
      },
      "httpClientPostsCancellation": {
        "severity": "error",
        "fix": "manual"
      },
      "serverSendsCancellation": {
        "severity": "error",
        "fix": "manual"
      },
      "clientSendsProgress": {
        "severity": "error",
        "fix": "manual"
      },
      "cancellationWithoutRequestId": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "notifications/cancelled",
      "notifications/progress"
    ]
  },
  "valid-mcp-header-schema": {
    "description": "Enforce the x-mcp-header rules of MCP 2026-07-28, without which HTTP clients drop the tool",
    "findings": {
      "headerOnUnreachableProperty": {
        "severity": "error",
        "fix": "manual"
      },
      "invalidHeaderName": {
        "severity": "error",
        "fix": "manual"
      },
      "headerOnUnsupportedType": {
        "severity": "error",
        "fix": "manual"
      },
      "duplicateHeaderName": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "x-mcp-header"
    ]
  },
  "no-standalone-get-stream": {
    "description": "Disallow the GET stream and the session DELETE of 2025 Streamable HTTP, which MCP 2026-07-28 removed",
    "findings": {
      "servesGetStream": {
        "severity": "error",
        "fix": "transform",
        "transform": "http-handler"
      },
      "servesSessionDelete": {
        "severity": "error",
        "fix": "transform",
        "transform": "http-handler"
      },
      "routesAllMethodsToTransport": {
        "severity": "error",
        "fix": "manual"
      },
      "opensGetStream": {
        "severity": "error",
        "fix": "manual"
      },
      "sendsSessionDelete": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "@modelcontextprotocol/",
      "mcp-session-id",
      "mcp-protocol-version",
      "mcp-method",
      "mcp-name",
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged"
    ]
  },
  "no-stream-resumption": {
    "description": "Disallow SSE stream resumption (Last-Event-ID, event stores, resumption tokens), which MCP 2026-07-28 removed",
    "findings": {
      "readsLastEventId": {
        "severity": "error",
        "fix": "manual"
      },
      "sendsLastEventId": {
        "severity": "error",
        "fix": "manual"
      },
      "listsLastEventIdInCors": {
        "severity": "warning",
        "fix": "manual"
      },
      "usesEventStore": {
        "severity": "error",
        "fix": "transform",
        "transform": "http-handler"
      },
      "configuresResumption": {
        "severity": "error",
        "fix": "transform",
        "transform": "http-handler"
      },
      "resumesClientStream": {
        "severity": "error",
        "fix": "manual"
      },
      "writesSseEventId": {
        "severity": "error",
        "fix": "manual"
      },
      "missingAccelBuffering": {
        "severity": "info",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "last-event-id",
      "eventstore",
      "storeEvent",
      "replayEventsAfter",
      "eventStore",
      "retryInterval",
      "resumptiontoken",
      "reconnectionOptions",
      "resumeStream",
      "text/event-stream",
      "writeSSE"
    ]
  },
  "no-deprecated-sse-transport": {
    "description": "Disallow the HTTP+SSE transport of 2024-11-05, which MCP 2026-07-28 lists as deprecated",
    "findings": {
      "servesSseRoute": {
        "severity": "warning",
        "fix": "manual"
      },
      "usesSseServerTransport": {
        "severity": "warning",
        "fix": "manual"
      },
      "usesSseClientTransport": {
        "severity": "warning",
        "fix": "manual"
      },
      "importsSseTransport": {
        "severity": "warning",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "SSEServerTransport",
      "SSEClientTransport"
    ]
  },
  "require-modern-sdk-entry": {
    "description": "Require the SDK entry points that serve and speak MCP 2026-07-28 (serveStdio, createMcpHandler, versionNegotiation)",
    "findings": {
      "connectsStdioTransport": {
        "severity": "error",
        "fix": "transform",
        "transform": "stdio-serve"
      },
      "hostsStatelessHttpTransport": {
        "severity": "error",
        "fix": "transform",
        "transform": "http-handler"
      },
      "hostsHttpTransport": {
        "severity": "error",
        "fix": "transform",
        "transform": "http-handler"
      },
      "clientWithoutNegotiation": {
        "severity": "error",
        "fix": "transform",
        "transform": "client-negotiation"
      },
      "v1Client": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "stdio",
      "StreamableHTTP",
      "Client"
    ],
    "prefilterAlso": [
      "@modelcontextprotocol/"
    ]
  },
  "no-remote-schema-refs": {
    "description": "Disallow dereferencing network $refs in MCP tool schemas, which MCP 2026-07-28 forbids",
    "findings": {
      "ajvLoadsRemoteRefs": {
        "severity": "error",
        "fix": "manual"
      },
      "refParserResolvesHttp": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "loadSchema",
      "json-schema-ref-parser"
    ]
  },
  "require-sealed-request-state": {
    "description": "Require MCP multi-round-trip requestState to be sealed against tampering, and not rebuilt from earlier rounds",
    "findings": {
      "mintsUnsealedState": {
        "severity": "warning",
        "fix": "manual"
      },
      "trustsUnsealedState": {
        "severity": "warning",
        "fix": "manual"
      },
      "unsealedStateGuardsDecision": {
        "severity": "error",
        "fix": "manual"
      },
      "expectsAccumulatedResponses": {
        "severity": "info",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "requestState",
      "inputResponse",
      "acceptedContent"
    ]
  },
  "require-http-request-headers": {
    "description": "Require the MCP-Protocol-Version, Mcp-Method and Mcp-Name headers on the MCP requests hand-rolled HTTP clients POST",
    "findings": {
      "missingHeaders": {
        "severity": "error",
        "fix": "manual"
      },
      "mismatchedProtocolVersion": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "tools/",
      "prompts/",
      "resources/",
      "completion/complete",
      "server/discover",
      "subscriptions/listen",
      "tasks/"
    ]
  },
  "require-request-meta": {
    "description": "Require the per-request `_meta` envelope on the requests hand-rolled MCP clients send",
    "findings": {
      "missingParams": {
        "severity": "error",
        "fix": "manual"
      },
      "missingMeta": {
        "severity": "error",
        "fix": "manual"
      },
      "missingMetaKeys": {
        "severity": "error",
        "fix": "manual"
      },
      "missingClientInfo": {
        "severity": "warning",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "tools/",
      "prompts/",
      "resources/",
      "completion/complete",
      "server/discover",
      "subscriptions/listen",
      "tasks/"
    ]
  },
  "no-legacy-protocol-version": {
    "description": "Disallow pre-2026 protocol versions on the wire, which MCP 2026-07-28 servers reject",
    "findings": {
      "sendsLegacyVersion": {
        "severity": "error",
        "fix": "manual"
      },
      "advertisesLegacyVersions": {
        "severity": "error",
        "fix": "manual"
      },
      "comparesWithLegacyConstant": {
        "severity": "warning",
        "fix": "manual"
      },
      "detectsVersionErrorByMessage": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "protocolversion",
      "protocol-version",
      "protocol_version",
      "protocol version",
      "supportedversions",
      "versionnegotiation",
      "supported"
    ],
    "prefilterAlso": [
      "@modelcontextprotocol/",
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged",
      "mcp-protocol-version",
      "io.modelcontextprotocol",
      "setprotocolversion",
      "versionnegotiation",
      "supportedversions",
      "32602"
    ]
  },
  "no-legacy-error-codes": {
    "description": "Disallow the release candidate's error codes and error codes MCP 2026-07-28 reserves or retired",
    "findings": {
      "emitsRcCode": {
        "severity": "error",
        "fix": "safe"
      },
      "comparesRcCode": {
        "severity": "warning",
        "fix": "safe"
      },
      "expectsRcCode": {
        "severity": "warning",
        "fix": "manual"
      },
      "bindsRcCode": {
        "severity": "warning",
        "fix": "manual"
      },
      "sendsVersionErrorAsInvalidParams": {
        "severity": "error",
        "fix": "safe"
      },
      "emitsReservedCode": {
        "severity": "error",
        "fix": "manual"
      },
      "emitsLegacyRangeCode": {
        "severity": "warning",
        "fix": "manual"
      },
      "listsRequiredCapabilities": {
        "severity": "error",
        "fix": "safe"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "3200",
      "3201",
      "3202",
      "3203",
      "3204",
      "3205",
      "3206",
      "3207",
      "3208",
      "3209",
      "32602",
      "InvalidParams",
      "INVALID_PARAMS",
      "requiredCapabilities"
    ],
    "prefilterAlso": [
      "@modelcontextprotocol/",
      "server/discover",
      "tools/list",
      "tools/call",
      "prompts/list",
      "prompts/get",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "resources/subscribe",
      "resources/unsubscribe",
      "completion/complete",
      "logging/setLevel",
      "subscriptions/listen",
      "sampling/createMessage",
      "elicitation/create",
      "roots/list",
      "tasks/result",
      "tasks/list",
      "notifications/initialized",
      "notifications/tools/list_changed",
      "notifications/prompts/list_changed",
      "notifications/resources/list_changed",
      "notifications/resources/updated",
      "notifications/roots/list_changed",
      "notifications/elicitation/complete",
      "notifications/tasks/status",
      "notifications/subscriptions/acknowledged",
      "requested"
    ]
  },
  "valid-input-required-result": {
    "description": "Require input_required results only from tools/call, prompts/get and resources/read, and only for client capabilities the request declared",
    "findings": {
      "inputRequiredFromOtherMethod": {
        "severity": "error",
        "fix": "manual"
      },
      "undeclaredCapabilityRequest": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "input_required",
      "inputRequired",
      "inputRequests"
    ]
  },
  "valid-input-response": {
    "description": "Disallow resultType and _meta in the answers an MCP client gives to elicitation, sampling and roots requests",
    "findings": {
      "resultFieldInInputResponse": {
        "severity": "info",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "elicitation/create",
      "sampling/createMessage",
      "roots/list",
      "ElicitRequestSchema",
      "CreateMessageRequestSchema",
      "ListRootsRequestSchema"
    ]
  },
  "require-result-type-check": {
    "description": "Require hand-rolled MCP clients to check resultType before reading a tools/call, prompts/get or resources/read result",
    "findings": {
      "readsResultWithoutResultType": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "tools/call",
      "prompts/get",
      "resources/read"
    ]
  },
  "no-request-state-tampering": {
    "description": "Disallow MCP clients parsing, inspecting or changing the requestState a server returned",
    "findings": {
      "inspectsRequestState": {
        "severity": "error",
        "fix": "manual"
      },
      "altersRequestState": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "requestState"
    ]
  },
  "require-deterministic-tool-list": {
    "description": "Require tools/list handlers to return tools in a deterministic order, as MCP 2026-07-28 recommends",
    "findings": {
      "nondeterministicToolList": {
        "severity": "info",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "tools/list",
      "ListToolsRequestSchema"
    ]
  },
  "no-blanket-legacy-fallback": {
    "description": "Disallow dual-era MCP clients falling back to initialize on any HTTP 400, or only on one error code",
    "findings": {
      "fallsBackOnBadRequest": {
        "severity": "error",
        "fix": "manual"
      },
      "fallsBackOnOneErrorCode": {
        "severity": "error",
        "fix": "manual"
      },
      "servesLegacyClients": {
        "severity": "info",
        "fix": "manual"
      }
    },
    "prefilter": [
      "initialize"
    ],
    "prefilterAlso": [
      "server/discover",
      "io.modelcontextprotocol/protocolVersion",
      "PROTOCOL_VERSION_META_KEY"
    ]
  }
};
