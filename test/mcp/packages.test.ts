import { describe, expect, it } from 'vitest';
import { sdkMajorOfSource } from '../../src/mcp/packages.js';

describe('sdkMajorOfSource', () => {
  it('reads the SDK major from the imports', () => {
    expect(sdkMajorOfSource("import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';")).toBe(1);
    expect(sdkMajorOfSource("import { McpServer } from '@modelcontextprotocol/server';")).toBe(2);
    expect(sdkMajorOfSource("const { Client } = require('@modelcontextprotocol/sdk/client/index.js');")).toBe(1);
    expect(sdkMajorOfSource("import express from 'express';")).toBeUndefined();
  });

  it('counts a file the codemod moved to v2, keeping only the 2025 Tasks API of v1, as v2', () => {
    const upgraded = [
      "import { McpServer } from '@modelcontextprotocol/server';",
      "import { InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/stores/in-memory.js';",
    ].join('\n');
    expect(sdkMajorOfSource(upgraded)).toBe(2);
    // Only v1 imports, experimental ones included, is still v1; so is v2 beside a non-experimental v1 import.
    expect(sdkMajorOfSource("import { InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/stores/in-memory.js';")).toBe(1);
    expect(sdkMajorOfSource(`${upgraded}\nimport { McpError } from '@modelcontextprotocol/sdk/types.js';`)).toBe(1);
  });
});
