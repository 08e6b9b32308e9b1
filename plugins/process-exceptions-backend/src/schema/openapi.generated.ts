// Generated from openapi.yaml by scripts/generate-openapi.js. Do not edit.

/** The plugin's HTTP contract. */
export const spec = {
  openapi: '3.0.3',
  info: {
    title: 'process-exceptions',
    version: '1',
    description:
      'The Process Exceptions backend: an append-only ledger of delivery events,\nand the exceptions, backfill tasks and findings derived from it.\nMounted at `/api/process-exceptions`.\n',
    license: {
      name: 'Apache-2.0',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  paths: {
    '/health': {
      get: {
        operationId: 'GetHealth',
        description:
          'Answers 200 when the plugin can reach its database. No credentials needed.',
        security: [],
        responses: {
          '200': {
            description: 'Healthy',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['status'],
                  properties: {
                    status: {
                      type: 'string',
                      enum: ['ok'],
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/v1/events': {
      post: {
        operationId: 'PostEvents',
        description:
          "Records one event, or a batch of up to 500, in the ledger and applies\nthe rules. Service principals only (a pipeline's static token).\nAll or nothing: any invalid event rejects the whole request with a\n400 naming the event index and field. Sending an event id again\nrecords nothing (`duplicate`). The `data` of each event type is\ndescribed by the `*Data` schemas below and validated by the server.\n",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                oneOf: [
                  {
                    $ref: '#/components/schemas/EventEnvelope',
                  },
                  {
                    type: 'object',
                    required: ['events'],
                    properties: {
                      events: {
                        type: 'array',
                        items: {
                          $ref: '#/components/schemas/EventEnvelope',
                        },
                      },
                    },
                  },
                ],
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Every event was a duplicate; nothing changed.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/IngestResponse',
                },
              },
            },
          },
          '201': {
            description: 'At least one event was recorded.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/IngestResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/exceptions': {
      get: {
        operationId: 'ListExceptions',
        description: 'Exceptions, newest first, cursor paginated.',
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            name: 'status',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/ExceptionStatus',
            },
          },
          {
            name: 'kind',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/ExceptionKind',
            },
          },
          {
            name: 'limit',
            in: 'query',
            description: '1 to 200, default 50.',
            schema: {
              type: 'string',
              pattern: '^[0-9]{1,3}$',
            },
          },
          {
            name: 'cursor',
            in: 'query',
            allowReserved: true,
            description: 'The `nextCursor` of the previous page.',
            schema: {
              type: 'string',
              maxLength: 500,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items', 'nextCursor'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Exception',
                      },
                    },
                    nextCursor: {
                      type: 'string',
                      nullable: true,
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
      post: {
        operationId: 'RecordException',
        description:
          'A person records an exception by hand (permission `process-exceptions.exception.create`).',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/RecordExceptionRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The exception',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Exception',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/exceptions/{id}': {
      get: {
        operationId: 'GetException',
        description:
          'One exception with its tasks and the timeline of ledger events behind it.',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        responses: {
          '200': {
            description: 'The exception',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ExceptionDetail',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/exceptions/{id}/tasks/{key}/complete': {
      post: {
        operationId: 'CompleteTask',
        description:
          'Marks a backfill task done with an evidence link (permission `process-exceptions.task.complete`).',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
          {
            name: 'key',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['evidenceUrl'],
                additionalProperties: false,
                properties: {
                  evidenceUrl: {
                    type: 'string',
                    format: 'uri',
                    maxLength: 2048,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The exception after the change',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Exception',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/findings': {
      get: {
        operationId: 'ListFindings',
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            name: 'acknowledged',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['true', 'false'],
            },
          },
          {
            name: 'limit',
            in: 'query',
            description: '1 to 500, default 100.',
            schema: {
              type: 'string',
              pattern: '^[0-9]{1,3}$',
            },
          },
          {
            name: 'cursor',
            in: 'query',
            allowReserved: true,
            description: 'The `nextCursor` of the previous page.',
            schema: {
              type: 'string',
              maxLength: 500,
            },
          },
        ],
        responses: {
          '200': {
            description: 'Findings, newest first; `nextCursor` pages on',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items', 'nextCursor'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Finding',
                      },
                    },
                    nextCursor: {
                      type: 'string',
                      nullable: true,
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/findings/{id}/acknowledge': {
      post: {
        operationId: 'AcknowledgeFinding',
        description:
          'Acknowledges a finding by recording the missing exception retroactively (permission `process-exceptions.finding.acknowledge`).',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name', 'reason'],
                additionalProperties: false,
                properties: {
                  name: {
                    type: 'string',
                    maxLength: 255,
                  },
                  reason: {
                    type: 'string',
                    maxLength: 2000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The finding and the exception recorded for it',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['finding'],
                  properties: {
                    finding: {
                      $ref: '#/components/schemas/Finding',
                    },
                    exception: {
                      $ref: '#/components/schemas/Exception',
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/summary': {
      get: {
        operationId: 'GetSummary',
        description:
          'The summary strip of one entity; backfilled counts cover the last 90 days.',
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
        ],
        responses: {
          '200': {
            description: 'Counts',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Summary',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/scorecard': {
      get: {
        operationId: 'GetScorecard',
        description:
          'Teams (catalog owners) or entities ranked worst first. One aggregate query.',
        parameters: [
          {
            name: 'groupBy',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['owner', 'entity'],
            },
          },
          {
            name: 'owner',
            in: 'query',
            allowReserved: true,
            description:
              "Only this owner's entities, e.g. `group:default/payments-team`.",
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'window',
            in: 'query',
            description:
              'Days that backfilled counts cover, e.g. `90d` (the default).',
            schema: {
              type: 'string',
              pattern: '^[0-9]{1,4}d$',
            },
          },
        ],
        responses: {
          '200': {
            description: 'Ranked rows',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['groupBy', 'window', 'since', 'items'],
                  properties: {
                    groupBy: {
                      type: 'string',
                    },
                    window: {
                      type: 'string',
                    },
                    since: {
                      type: 'string',
                      format: 'date-time',
                    },
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/ScorecardRow',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/trends': {
      get: {
        operationId: 'GetTrends',
        description:
          'Exceptions opened per week by kind, and the on-time backfill rate per week.',
        parameters: [
          {
            name: 'owner',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'weeks',
            in: 'query',
            description: '1 to 104, default 12.',
            schema: {
              type: 'string',
              pattern: '^[0-9]{1,3}$',
            },
          },
        ],
        responses: {
          '200': {
            description: 'One entry per week, oldest first',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['weeks'],
                  properties: {
                    weeks: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/TrendWeek',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/gates/merge': {
      get: {
        operationId: 'GetMergeGate',
        description:
          "Whether a change (or a story's changes) may merge. Closed while a named gap is open, also of a story sent for a service the catalog does not know yet (the blocker says so, with `unmapped`).",
        parameters: [
          {
            name: 'changeId',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'storyId',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The gate',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/MergeGate',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/admin/rebuilds': {
      get: {
        operationId: 'ListRebuilds',
        description:
          'The latest rebuild jobs, newest first. Needs `process-exceptions.rebuild`.',
        responses: {
          '200': {
            description: 'The jobs',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/RebuildJob',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
      post: {
        operationId: 'StartRebuild',
        description:
          'Starts re-deriving every service from its ledger with the policy of\nthe replica that answers, beside live writes (each service under its\nwrite lock). Answers the job already running instead of starting a\nsecond. Needs `process-exceptions.rebuild`. Refused (409) by a replica\nwhose `processExceptions.policyRevision` is lower than one services\nwere derived with.\n',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  entityRefs: {
                    type: 'array',
                    minItems: 1,
                    maxItems: 1000,
                    description:
                      'Only these services; every service in the ledger when left out.',
                    items: {
                      type: 'string',
                      maxLength: 255,
                    },
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'A rebuild was already running; this is it',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RebuildJob',
                },
              },
            },
          },
          '202': {
            description: 'The rebuild started',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RebuildJob',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/admin/rebuilds/{id}': {
      get: {
        operationId: 'GetRebuild',
        description:
          'One rebuild job and its progress. Needs `process-exceptions.rebuild`.',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        responses: {
          '200': {
            description: 'The job',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RebuildJob',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/webhooks/{source}': {
      post: {
        operationId: 'PostWebhook',
        description:
          "A delivery from GitHub, LaunchDarkly, Unleash, Flagsmith or a\nCDEvents sender, authenticated by its signature or shared secret\n(`processExceptions.webhooks.<source>`), not by a Backstage token —\nexcept CDEvents, which also accepts a service token. The body is\nread raw (signatures cover the exact bytes) and translated into\nledger events by the source's adapter. Served before this spec's\nrouter, so the raw body survives.\n",
        security: [],
        parameters: [
          {
            name: 'source',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              enum: [
                'github',
                'launchdarkly',
                'unleash',
                'flagsmith',
                'cdevents',
              ],
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                description: "The sender's own payload.",
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Every event was a duplicate; nothing changed.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/IngestResponse',
                },
              },
            },
          },
          '201': {
            description: 'At least one event was recorded.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/IngestResponse',
                },
              },
            },
          },
          '202': {
            description:
              'A delivery that carries no ledger event (e.g. a ping), kept as ignored.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: [
                    'status',
                    'id',
                    'eventName',
                    'reason',
                    'duplicate',
                  ],
                  properties: {
                    status: {
                      type: 'string',
                      enum: ['ignored'],
                    },
                    id: {
                      type: 'string',
                      description: "The sender's delivery id.",
                    },
                    eventName: {
                      type: 'string',
                    },
                    reason: {
                      type: 'string',
                    },
                    duplicate: {
                      type: 'boolean',
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/unmapped': {
      get: {
        operationId: 'ListUnmapped',
        description:
          'Events kept while the catalog cannot resolve their service; applied once it can.',
        responses: {
          '200': {
            description: 'Newest first, at most 200',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/UnmappedEvent',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/unmapped/stories/{storyId}/reassign': {
      post: {
        operationId: 'ReassignUnmappedStory',
        description:
          "Sends a story that named a service the catalog does not know again for `entityRef`, recorded as the operator's `story.pulled`: that service's exception then decides the merge gate. Needs `process-exceptions.rebuild` (administrators).",
        parameters: [
          {
            $ref: '#/components/parameters/storyId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['entityRef'],
                additionalProperties: false,
                properties: {
                  entityRef: {
                    type: 'string',
                    maxLength: 255,
                  },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description:
              'Where the story now is, and the exceptions it changed',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['entityRef', 'exceptions'],
                  properties: {
                    entityRef: {
                      type: 'string',
                    },
                    exceptions: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['id', 'name', 'kind', 'status', 'change'],
                        properties: {
                          id: {
                            type: 'string',
                          },
                          name: {
                            type: 'string',
                          },
                          kind: {
                            $ref: '#/components/schemas/ExceptionKind',
                          },
                          status: {
                            $ref: '#/components/schemas/ExceptionStatus',
                          },
                          change: {
                            type: 'string',
                            enum: ['opened', 'updated'],
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/unmapped/stories/{storyId}/withdraw': {
      post: {
        operationId: 'WithdrawUnmappedStory',
        description:
          'Withdraws a story that named a service the catalog does not know (sent in error): its gaps no longer close the merge gate. Recorded in the ledger as a `story.withdrawn` with the reason. Needs `process-exceptions.rebuild` (administrators).',
        parameters: [
          {
            $ref: '#/components/parameters/storyId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['reason'],
                additionalProperties: false,
                properties: {
                  reason: {
                    type: 'string',
                    maxLength: 2000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '204': {
            description: 'Withdrawn',
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/inbox': {
      get: {
        operationId: 'ListInbox',
        description:
          'Events-system deliveries not in the ledger yet: `pending` ones wait for a retry after a fault, `rejected` ones could never be adapted and say why.',
        parameters: [
          {
            name: 'status',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['pending', 'rejected'],
              default: 'pending',
            },
          },
        ],
        responses: {
          '200': {
            description: 'Newest first, at most 200',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/InboxDelivery',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/trail': {
      get: {
        operationId: 'GetTrail',
        description:
          'Everything one key touches, across services, in time order: the events that carry it, the exceptions they belong to with their other events, each closed task with the event that closed it and who delivered that, and the findings that name any of those events. Give exactly one key. Entries of services the caller may not read are left out (see the read permissions); at most 1,000 events carrying the key are followed (`truncated`).',
        parameters: [
          {
            name: 'changeId',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'deploymentId',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'incidentId',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'flagKey',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'storyId',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The trail',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Trail',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/evidence': {
      get: {
        operationId: 'GetEvidence',
        description:
          "The evidence of a period for an auditor: every exception opened and every finding detected from `from` (inclusive) to `to` (exclusive; a day as `to` includes that day), with each task's closure (who, when, evidence, who delivered it), time to backfill, on time or late, and the findings' acknowledgements. CSV (RFC 4180, UTF-8 with a byte order mark) has one row per exception, task and finding, told apart by its `record` column; text cells a spreadsheet would run as a formula start with an apostrophe. JSON nests the tasks. Streamed. With `entityRef`, the catalog's read permission for that service; otherwise `process-exceptions.read`.",
        parameters: [
          {
            name: 'from',
            in: 'query',
            required: true,
            allowReserved: true,
            schema: {
              type: 'string',
              maxLength: 40,
            },
          },
          {
            name: 'to',
            in: 'query',
            required: true,
            allowReserved: true,
            schema: {
              type: 'string',
              maxLength: 40,
            },
          },
          {
            name: 'owner',
            in: 'query',
            allowReserved: true,
            description:
              "Only this owner's services, e.g. `group:default/payments-team`.",
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            name: 'format',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['csv', 'json'],
              default: 'csv',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The evidence, as an attachment',
            content: {
              'text/csv': {
                schema: {
                  type: 'string',
                },
              },
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EvidenceExport',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/ledger/verify': {
      get: {
        operationId: 'VerifyLedger',
        description:
          "Walks the ledger's hash chain from its start and reports the first event whose content or place no longer matches its seal, or a signed head that does not match. With `position`, `seal` and `signature` (a `chain-head` of an earlier export), also checks that the chain still has that seal there, so that nothing sealed before the export changed. Needs `process-exceptions.read`; 409 while no sealing key is configured.",
        parameters: [
          {
            name: 'position',
            in: 'query',
            schema: {
              type: 'string',
              maxLength: 16,
            },
          },
          {
            name: 'seal',
            in: 'query',
            schema: {
              type: 'string',
              maxLength: 64,
            },
          },
          {
            name: 'signature',
            in: 'query',
            schema: {
              type: 'string',
              maxLength: 64,
            },
          },
        ],
        responses: {
          '200': {
            description: 'What the walk found',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/LedgerVerification',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/v1/maintenance/failures': {
      get: {
        operationId: 'ListMaintenanceFailures',
        description:
          'Maintenance work that failed and waits for its retry with backoff (10 s doubling, at most an hour): a step of the task, an unmapped subject whose events could not be applied, a notification that could not be sent. Needs `process-exceptions.read`.',
        responses: {
          '200': {
            description: 'The longest-failing first, at most 200',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/MaintenanceFailure',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
  },
  components: {
    parameters: {
      id: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          maxLength: 255,
        },
      },
      storyId: {
        name: 'storyId',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          maxLength: 255,
        },
      },
      entityRef: {
        name: 'entityRef',
        in: 'query',
        allowReserved: true,
        description: 'e.g. `component:default/payments`',
        schema: {
          type: 'string',
          maxLength: 255,
        },
      },
    },
    responses: {
      Error: {
        description: 'An error naming the problem',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['error'],
              properties: {
                error: {
                  type: 'object',
                  required: ['name', 'message'],
                  properties: {
                    name: {
                      type: 'string',
                    },
                    message: {
                      type: 'string',
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    schemas: {
      ExceptionKind: {
        type: 'string',
        enum: ['hotfix', 'flag-disable', 'partial-readiness'],
      },
      ExceptionStatus: {
        type: 'string',
        enum: ['open', 'overdue', 'backfilled'],
      },
      EventEnvelope: {
        type: 'object',
        required: ['id', 'type', 'occurredAt', 'data'],
        properties: {
          id: {
            type: 'string',
            maxLength: 255,
            description: "The sender's unique id; the idempotency key.",
          },
          type: {
            type: 'string',
            enum: [
              'incident.opened',
              'incident.resolved',
              'change.reviewed',
              'change.merged',
              'deployment.finished',
              'flag.changed',
              'verification.finished',
              'story.pulled',
              'gap.closed',
              'backfill.completed',
            ],
          },
          occurredAt: {
            type: 'string',
            format: 'date-time',
            description: 'With a time zone; from 2000 to one day ahead.',
          },
          entityRef: {
            type: 'string',
            maxLength: 255,
            description: 'e.g. component:default/payments',
          },
          actor: {
            type: 'string',
            maxLength: 255,
          },
          data: {
            type: 'object',
            description: 'One of the *Data schemas, by type.',
          },
        },
      },
      IncidentOpenedData: {
        type: 'object',
        required: ['incidentId', 'severity'],
        properties: {
          incidentId: {
            type: 'string',
          },
          severity: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          url: {
            type: 'string',
            format: 'uri',
          },
        },
      },
      IncidentResolvedData: {
        type: 'object',
        required: ['incidentId'],
        properties: {
          incidentId: {
            type: 'string',
          },
          url: {
            type: 'string',
            format: 'uri',
          },
        },
      },
      ChangeReviewedData: {
        type: 'object',
        required: ['changeId', 'reviewer', 'decision'],
        properties: {
          changeId: {
            type: 'string',
          },
          reviewer: {
            type: 'string',
          },
          role: {
            type: 'string',
            description: 'tech-lead, developer, product-owner, qa, designer',
          },
          decision: {
            type: 'string',
            enum: ['approved', 'changes_requested', 'dismissed'],
          },
          storyId: {
            type: 'string',
          },
          url: {
            type: 'string',
            format: 'uri',
          },
        },
      },
      ChangeMergedData: {
        type: 'object',
        required: ['changeId'],
        properties: {
          changeId: {
            type: 'string',
          },
          url: {
            type: 'string',
            format: 'uri',
          },
          storyId: {
            type: 'string',
          },
          approvals: {
            type: 'integer',
          },
        },
      },
      DeploymentFinishedData: {
        type: 'object',
        required: ['deploymentId', 'environment', 'outcome'],
        properties: {
          deploymentId: {
            type: 'string',
          },
          environment: {
            type: 'string',
          },
          outcome: {
            type: 'string',
            enum: ['succeeded', 'failed'],
          },
          changeIds: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          viaPipeline: {
            type: 'boolean',
            default: true,
          },
          pipelineRunUrl: {
            type: 'string',
            format: 'uri',
          },
          labels: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          incidentId: {
            type: 'string',
          },
          fixes: {
            type: 'object',
            properties: {
              exceptionId: {
                type: 'string',
              },
              incidentId: {
                type: 'string',
              },
              flagKey: {
                type: 'string',
              },
            },
          },
          name: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
        },
      },
      FlagChangedData: {
        type: 'object',
        required: ['flagKey', 'environment', 'enabled'],
        properties: {
          flagKey: {
            type: 'string',
          },
          environment: {
            type: 'string',
          },
          enabled: {
            type: 'boolean',
          },
          planned: {
            type: 'boolean',
          },
          reason: {
            type: 'string',
          },
          url: {
            type: 'string',
            format: 'uri',
          },
          name: {
            type: 'string',
          },
        },
      },
      VerificationFinishedData: {
        type: 'object',
        required: ['environment', 'outcome'],
        properties: {
          environment: {
            type: 'string',
          },
          outcome: {
            type: 'string',
            enum: ['passed', 'failed'],
          },
          changeIds: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          flagKey: {
            type: 'string',
          },
          url: {
            type: 'string',
            format: 'uri',
          },
        },
      },
      StoryPulledData: {
        type: 'object',
        required: ['storyId', 'title', 'gaps'],
        properties: {
          storyId: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          url: {
            type: 'string',
            format: 'uri',
          },
          gaps: {
            type: 'array',
            items: {
              type: 'object',
              required: ['key', 'description'],
              properties: {
                key: {
                  type: 'string',
                },
                description: {
                  type: 'string',
                },
              },
            },
          },
          changeIds: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          name: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
        },
      },
      GapClosedData: {
        type: 'object',
        required: ['storyId', 'gapKey'],
        properties: {
          storyId: {
            type: 'string',
          },
          gapKey: {
            type: 'string',
          },
          evidenceUrl: {
            type: 'string',
            format: 'uri',
          },
        },
      },
      BackfillCompletedData: {
        type: 'object',
        required: ['taskKey'],
        description: 'Needs exceptionId or incidentId.',
        properties: {
          exceptionId: {
            type: 'string',
          },
          incidentId: {
            type: 'string',
          },
          taskKey: {
            type: 'string',
          },
          evidenceUrl: {
            type: 'string',
            format: 'uri',
          },
        },
      },
      IngestResponse: {
        type: 'object',
        required: ['results'],
        properties: {
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'id',
                'status',
                'unmapped',
                'entityRef',
                'exceptions',
                'findings',
              ],
              properties: {
                id: {
                  type: 'string',
                },
                status: {
                  type: 'string',
                  enum: ['recorded', 'duplicate'],
                },
                unmapped: {
                  type: 'boolean',
                },
                entityRef: {
                  type: 'string',
                  nullable: true,
                },
                exceptions: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      id: {
                        type: 'string',
                      },
                      name: {
                        type: 'string',
                      },
                      kind: {
                        type: 'string',
                      },
                      status: {
                        type: 'string',
                      },
                      change: {
                        type: 'string',
                        enum: ['opened', 'updated'],
                      },
                    },
                  },
                },
                findings: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      id: {
                        type: 'string',
                      },
                      rule: {
                        type: 'string',
                      },
                      change: {
                        type: 'string',
                        enum: ['opened', 'updated'],
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      Task: {
        type: 'object',
        required: [
          'key',
          'title',
          'role',
          'dueAt',
          'doneAt',
          'doneBy',
          'evidenceUrl',
        ],
        properties: {
          key: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          role: {
            type: 'string',
            enum: ['reviewer', 'product-owner', 'qa', 'designer', 'developer'],
          },
          dueAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          doneAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          doneBy: {
            type: 'string',
            nullable: true,
          },
          evidenceUrl: {
            type: 'string',
            nullable: true,
          },
        },
      },
      Exception: {
        type: 'object',
        required: [
          'id',
          'entityRef',
          'kind',
          'name',
          'reason',
          'links',
          'openedBy',
          'openedAt',
          'deadline',
          'status',
          'backfilledAt',
          'backfilledOnTime',
          'tasks',
        ],
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          kind: {
            $ref: '#/components/schemas/ExceptionKind',
          },
          name: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          links: {
            type: 'object',
            properties: {
              incident: {
                type: 'string',
              },
              changes: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
              flag: {
                type: 'string',
              },
              story: {
                type: 'string',
              },
              deployment: {
                type: 'string',
              },
              urls: {
                description:
                  "The sender's URL of each linked key the ledger has one for (an incident's page, a pull request, a pipeline run, a flag, a story).",
                type: 'object',
                properties: {
                  incident: {
                    type: 'string',
                  },
                  changes: {
                    type: 'object',
                    description: 'By change id.',
                    additionalProperties: {
                      type: 'string',
                    },
                  },
                  flag: {
                    type: 'string',
                  },
                  story: {
                    type: 'string',
                  },
                  deployment: {
                    type: 'string',
                  },
                },
              },
            },
          },
          openedBy: {
            type: 'string',
            nullable: true,
          },
          openedAt: {
            type: 'string',
            format: 'date-time',
          },
          deadline: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          status: {
            $ref: '#/components/schemas/ExceptionStatus',
          },
          backfilledAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          backfilledOnTime: {
            type: 'boolean',
            nullable: true,
          },
          tasks: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Task',
            },
          },
        },
      },
      ExceptionDetail: {
        allOf: [
          {
            $ref: '#/components/schemas/Exception',
          },
          {
            type: 'object',
            required: ['timeline'],
            properties: {
              timeline: {
                type: 'array',
                items: {
                  type: 'object',
                  required: [
                    'id',
                    'source',
                    'type',
                    'actor',
                    'occurredAt',
                    'receivedAt',
                    'provenance',
                    'notCounted',
                    'data',
                  ],
                  properties: {
                    id: {
                      type: 'string',
                    },
                    source: {
                      type: 'string',
                    },
                    type: {
                      type: 'string',
                    },
                    actor: {
                      type: 'string',
                      nullable: true,
                    },
                    occurredAt: {
                      type: 'string',
                      format: 'date-time',
                      description: 'When it happened, as the sender says.',
                    },
                    receivedAt: {
                      type: 'string',
                      format: 'date-time',
                    },
                    provenance: {
                      $ref: '#/components/schemas/Provenance',
                    },
                    notCounted: {
                      type: 'string',
                      nullable: true,
                      description:
                        'Why its evidence closed nothing here, when the attestation policy did not let its provenance close what it names.',
                    },
                    data: {
                      type: 'object',
                    },
                  },
                },
              },
            },
          },
        ],
      },
      EvidenceExport: {
        type: 'object',
        required: [
          'period',
          'owner',
          'entityRef',
          'chainHeads',
          'exceptions',
          'findings',
        ],
        properties: {
          chainHeads: {
            description:
              "The ledger's latest signed head when the export began (none while the ledger is not sealed), for `process-exceptions verify --against`.",
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChainHead',
            },
          },
          period: {
            type: 'object',
            required: ['from', 'to'],
            properties: {
              from: {
                type: 'string',
                format: 'date-time',
              },
              to: {
                type: 'string',
                format: 'date-time',
              },
            },
          },
          owner: {
            type: 'string',
            nullable: true,
          },
          entityRef: {
            type: 'string',
            nullable: true,
          },
          exceptions: {
            type: 'array',
            items: {
              allOf: [
                {
                  $ref: '#/components/schemas/Exception',
                },
                {
                  type: 'object',
                  required: ['owner', 'hoursToBackfill'],
                  properties: {
                    owner: {
                      type: 'string',
                    },
                    hoursToBackfill: {
                      type: 'number',
                      nullable: true,
                    },
                  },
                },
              ],
            },
          },
          findings: {
            type: 'array',
            items: {
              allOf: [
                {
                  $ref: '#/components/schemas/Finding',
                },
                {
                  type: 'object',
                  required: ['owner'],
                  properties: {
                    owner: {
                      type: 'string',
                    },
                  },
                },
              ],
            },
          },
        },
      },
      ChainHead: {
        type: 'object',
        required: ['position', 'seal', 'signature', 'signedAt'],
        properties: {
          position: {
            type: 'integer',
          },
          seal: {
            type: 'string',
          },
          signature: {
            type: 'string',
          },
          signedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      LedgerVerification: {
        type: 'object',
        required: [
          'ok',
          'sealedEvents',
          'unsealedEvents',
          'head',
          'mismatch',
          'against',
        ],
        properties: {
          ok: {
            type: 'boolean',
          },
          sealedEvents: {
            type: 'integer',
          },
          unsealedEvents: {
            type: 'integer',
          },
          head: {
            description:
              'The latest signed head (a ChainHead), or null before the first seal.',
            type: 'object',
            nullable: true,
            required: ['position', 'seal', 'signature', 'signedAt'],
            properties: {
              position: {
                type: 'integer',
              },
              seal: {
                type: 'string',
              },
              signature: {
                type: 'string',
              },
              signedAt: {
                type: 'string',
                format: 'date-time',
              },
            },
          },
          mismatch: {
            type: 'object',
            nullable: true,
            required: ['position', 'event', 'problem', 'message'],
            properties: {
              position: {
                type: 'integer',
              },
              event: {
                type: 'object',
                nullable: true,
                required: ['source', 'id', 'seq'],
                properties: {
                  source: {
                    type: 'string',
                  },
                  id: {
                    type: 'string',
                  },
                  seq: {
                    type: 'integer',
                  },
                },
              },
              problem: {
                type: 'string',
                enum: ['content', 'order', 'head'],
              },
              message: {
                type: 'string',
              },
            },
          },
          against: {
            type: 'object',
            nullable: true,
            required: ['position', 'matches', 'message'],
            properties: {
              position: {
                type: 'integer',
              },
              matches: {
                type: 'boolean',
              },
              message: {
                type: 'string',
              },
            },
          },
        },
      },
      TrailEvent: {
        type: 'object',
        required: [
          'id',
          'source',
          'type',
          'actor',
          'occurredAt',
          'receivedAt',
          'provenance',
          'data',
        ],
        properties: {
          id: {
            type: 'string',
          },
          source: {
            type: 'string',
          },
          type: {
            type: 'string',
          },
          actor: {
            type: 'string',
            nullable: true,
          },
          occurredAt: {
            type: 'string',
            format: 'date-time',
          },
          receivedAt: {
            type: 'string',
            format: 'date-time',
          },
          provenance: {
            $ref: '#/components/schemas/Provenance',
          },
          data: {
            type: 'object',
          },
        },
      },
      TrailEntry: {
        type: 'object',
        required: ['kind', 'at', 'entityRef'],
        description:
          'One step of a trail. `event`: a ledger event (`direct` when it carries the key itself). `exception`: with `eventIds`, its events on the trail. `task`: a closed backfill task of `exceptionId`, with `closedBy`, the event that closed it and who delivered it (null for tasks derived before the plugin kept it). `finding`.',
        properties: {
          kind: {
            type: 'string',
            enum: ['event', 'exception', 'task', 'finding'],
          },
          at: {
            type: 'string',
            format: 'date-time',
          },
          entityRef: {
            type: 'string',
            nullable: true,
          },
          direct: {
            type: 'boolean',
          },
          event: {
            $ref: '#/components/schemas/TrailEvent',
          },
          exception: {
            $ref: '#/components/schemas/Exception',
          },
          eventIds: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          exceptionId: {
            type: 'string',
          },
          task: {
            $ref: '#/components/schemas/Task',
          },
          closedBy: {
            type: 'object',
            nullable: true,
            required: ['eventId', 'provenance'],
            properties: {
              eventId: {
                type: 'string',
              },
              provenance: {
                $ref: '#/components/schemas/Provenance',
              },
            },
          },
          finding: {
            $ref: '#/components/schemas/Finding',
          },
        },
      },
      Trail: {
        type: 'object',
        required: ['key', 'services', 'entries', 'truncated'],
        properties: {
          key: {
            type: 'object',
            required: ['kind', 'value'],
            properties: {
              kind: {
                type: 'string',
                enum: ['change', 'deployment', 'incident', 'flag', 'story'],
              },
              value: {
                type: 'string',
              },
            },
          },
          services: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'The services the trail crossed, in the order it reached them.',
          },
          entries: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/TrailEntry',
            },
          },
          truncated: {
            type: 'boolean',
          },
        },
      },
      Provenance: {
        description: 'Who delivered an event, settled when it was received.',
        type: 'object',
        required: ['kind'],
        properties: {
          kind: {
            type: 'string',
            enum: [
              'user',
              'service',
              'webhook',
              'events-topic',
              'agent',
              'pre-provenance',
            ],
          },
          userRef: {
            type: 'string',
            description: 'The signed-in person (user, agent).',
          },
          groups: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              "The person's ownership refs in the catalog when the event was received (user).",
          },
          permission: {
            type: 'string',
            description:
              'The permission allowed for the write that recorded the event (user, service).',
          },
          subject: {
            type: 'string',
            description: "The service token's principal (service).",
          },
          source: {
            type: 'string',
            description: 'The webhook source (webhook).',
          },
          verification: {
            type: 'string',
            enum: ['hmac-sha256', 'shared-secret', 'unsigned'],
            description: 'The check the webhook delivery passed (webhook).',
          },
          header: {
            type: 'string',
            description: 'The header the HMAC signature came in (webhook).',
          },
          topic: {
            type: 'string',
            description: 'The events-system topic (events-topic).',
          },
          action: {
            type: 'string',
            description: "The agent's action (agent).",
          },
        },
      },
      RecordExceptionRequest: {
        type: 'object',
        required: ['entityRef', 'kind', 'name', 'reason'],
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
            maxLength: 255,
          },
          kind: {
            $ref: '#/components/schemas/ExceptionKind',
          },
          name: {
            type: 'string',
            maxLength: 255,
          },
          reason: {
            type: 'string',
            maxLength: 2000,
          },
          links: {
            type: 'object',
            properties: {
              incident: {
                type: 'string',
              },
              changes: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
              flag: {
                type: 'string',
              },
              story: {
                type: 'string',
              },
              deployment: {
                type: 'string',
              },
            },
          },
          gaps: {
            type: 'array',
            description: 'Required for partial-readiness.',
            items: {
              type: 'object',
              required: ['key', 'description'],
              properties: {
                key: {
                  type: 'string',
                },
                description: {
                  type: 'string',
                },
              },
            },
          },
        },
      },
      Finding: {
        type: 'object',
        required: [
          'id',
          'rule',
          'entityRef',
          'message',
          'eventIds',
          'detectedAt',
          'acknowledgedAt',
          'acknowledgedBy',
          'exceptionId',
        ],
        properties: {
          id: {
            type: 'string',
          },
          rule: {
            type: 'string',
            enum: [
              'abbreviated-review-below-minimum',
              'pipeline-bypassed',
              'unrecorded-exception',
              're-enabled-before-staging',
              'merged-with-open-gap',
            ],
          },
          entityRef: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          eventIds: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          detectedAt: {
            type: 'string',
            format: 'date-time',
          },
          acknowledgedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          acknowledgedBy: {
            type: 'string',
            nullable: true,
          },
          exceptionId: {
            type: 'string',
            nullable: true,
          },
        },
      },
      Summary: {
        type: 'object',
        required: [
          'open',
          'overdue',
          'backfilledOnTime',
          'backfilledLate',
          'unacknowledgedFindings',
          'since',
        ],
        properties: {
          open: {
            type: 'integer',
          },
          overdue: {
            type: 'integer',
          },
          backfilledOnTime: {
            type: 'integer',
          },
          backfilledLate: {
            type: 'integer',
          },
          unacknowledgedFindings: {
            type: 'integer',
          },
          since: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      ScorecardRow: {
        type: 'object',
        required: [
          'key',
          'owner',
          'entityRefs',
          'open',
          'overdue',
          'backfilledOnTime',
          'backfilledLate',
          'onTimeRate',
          'medianHoursToBackfill',
          'unacknowledgedFindings',
        ],
        properties: {
          key: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          entityRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          open: {
            type: 'integer',
          },
          overdue: {
            type: 'integer',
          },
          backfilledOnTime: {
            type: 'integer',
          },
          backfilledLate: {
            type: 'integer',
          },
          onTimeRate: {
            type: 'number',
            nullable: true,
          },
          medianHoursToBackfill: {
            type: 'number',
            nullable: true,
          },
          unacknowledgedFindings: {
            type: 'integer',
          },
          findingsInWindow: {
            type: 'integer',
            description: 'Unacknowledged findings detected within the window.',
          },
          oldestOverdueDeadline: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
        },
      },
      TrendWeek: {
        type: 'object',
        required: [
          'weekStart',
          'opened',
          'backfilledOnTime',
          'backfilledLate',
          'onTimeRate',
        ],
        properties: {
          weekStart: {
            type: 'string',
            format: 'date-time',
          },
          opened: {
            type: 'object',
            properties: {
              hotfix: {
                type: 'integer',
              },
              'flag-disable': {
                type: 'integer',
              },
              'partial-readiness': {
                type: 'integer',
              },
            },
          },
          backfilledOnTime: {
            type: 'integer',
          },
          backfilledLate: {
            type: 'integer',
          },
          onTimeRate: {
            type: 'number',
            nullable: true,
          },
        },
      },
      MergeGate: {
        type: 'object',
        required: ['allowed', 'blocking'],
        properties: {
          allowed: {
            type: 'boolean',
          },
          blocking: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'exceptionId',
                'entityRef',
                'storyId',
                'gapKey',
                'description',
              ],
              properties: {
                exceptionId: {
                  type: 'string',
                  nullable: true,
                  description: "Null while the story's service is not known.",
                },
                entityRef: {
                  type: 'string',
                  nullable: true,
                },
                storyId: {
                  type: 'string',
                  nullable: true,
                },
                gapKey: {
                  type: 'string',
                },
                description: {
                  type: 'string',
                },
                unmapped: {
                  type: 'object',
                  description:
                    'Set when the story was sent for a service the catalog does not know; it blocks all the same.',
                  required: ['subject', 'eventId', 'hint'],
                  properties: {
                    subject: {
                      type: 'string',
                      nullable: true,
                    },
                    eventId: {
                      type: 'string',
                    },
                    hint: {
                      type: 'string',
                    },
                  },
                },
              },
            },
          },
        },
      },
      RebuildJob: {
        type: 'object',
        required: [
          'id',
          'reason',
          'status',
          'policyRevision',
          'requestedBy',
          'servicesTotal',
          'servicesDone',
          'servicesSkipped',
          'eventsRead',
          'lastError',
          'createdAt',
          'updatedAt',
          'finishedAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          reason: {
            type: 'string',
            enum: ['requested', 'policy'],
            description:
              'Started through the API or CLI, or by a raised policyRevision.',
          },
          status: {
            type: 'string',
            enum: ['running', 'done', 'superseded'],
          },
          policyRevision: {
            type: 'integer',
          },
          requestedBy: {
            type: 'string',
            nullable: true,
          },
          entityRefs: {
            type: 'array',
            nullable: true,
            description:
              'The services it rebuilds; null for every service in the ledger.',
            items: {
              type: 'string',
            },
          },
          servicesTotal: {
            type: 'integer',
          },
          servicesDone: {
            type: 'integer',
            description: 'Services handled so far, the skipped ones included.',
          },
          servicesSkipped: {
            type: 'integer',
            description:
              'Already derived with this revision (policy jobs) or a newer one.',
          },
          eventsRead: {
            type: 'integer',
          },
          lastError: {
            type: 'string',
            nullable: true,
            description:
              'Why the last attempt stopped; the job is retried where it stopped.',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
          finishedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
        },
      },
      InboxDelivery: {
        type: 'object',
        required: [
          'id',
          'topic',
          'payload',
          'metadata',
          'receivedAt',
          'attempts',
          'status',
          'nextAttemptAt',
          'lastError',
        ],
        properties: {
          id: {
            type: 'integer',
          },
          topic: {
            type: 'string',
          },
          payload: {},
          metadata: {
            type: 'object',
          },
          receivedAt: {
            type: 'string',
            format: 'date-time',
          },
          attempts: {
            type: 'integer',
          },
          status: {
            type: 'string',
            enum: ['pending', 'rejected'],
          },
          nextAttemptAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          lastError: {
            type: 'string',
            nullable: true,
            description:
              'The last failure of a pending delivery, or why it was rejected.',
          },
        },
      },
      MaintenanceFailure: {
        type: 'object',
        required: [
          'kind',
          'target',
          'attempts',
          'firstFailedAt',
          'lastFailedAt',
          'nextAttemptAt',
          'lastError',
        ],
        properties: {
          kind: {
            type: 'string',
            enum: ['step', 'subject', 'notification'],
          },
          target: {
            type: 'string',
            description:
              "The step's name, the unmapped subject, or `<exception or finding id>/<transition>`.",
          },
          attempts: {
            type: 'integer',
          },
          firstFailedAt: {
            type: 'string',
            format: 'date-time',
          },
          lastFailedAt: {
            type: 'string',
            format: 'date-time',
          },
          nextAttemptAt: {
            type: 'string',
            format: 'date-time',
          },
          lastError: {
            type: 'string',
          },
        },
      },
      UnmappedEvent: {
        type: 'object',
        required: ['id', 'source', 'type', 'subject', 'occurredAt'],
        properties: {
          id: {
            type: 'string',
          },
          source: {
            type: 'string',
          },
          type: {
            type: 'string',
          },
          subject: {
            type: 'string',
            nullable: true,
          },
          occurredAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
    },
  },
} as const;
