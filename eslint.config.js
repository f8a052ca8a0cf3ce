import js from "@eslint/js";
import tseslint from "typescript-eslint";

const ADAPTERS = ["slack", "teams", "console", "web"];

export default tseslint.config(
  { ignores: ["node_modules/", "src/infra/db/generated/", "data/", "dist/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        Buffer: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // The architecture's arrows point inward: the domain imports nothing outward.
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["zod", "@prisma/*", "@slack/*", "@microsoft/*", "pg", "better-sqlite3", "node:*"],
              message: "src/domain is pure: no libraries or I/O",
            },
            {
              group: ["**/infra/**", "**/app/**", "**/adapters/**", "**/ports/**"],
              message: "src/domain imports nothing outward",
            },
          ],
        },
      ],
    },
  },
  {
    // Ports are the bottom layer beside the domain: they import the domain and nothing else of ours.
    files: ["src/ports/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "**/app/**",
                "**/infra/**",
                "**/adapters/**",
                "**/cli/**",
                "**/main.ts",
                "@prisma/*",
                "@slack/*",
                "@microsoft/*",
                "pg",
                "better-sqlite3",
              ],
              message: "src/ports imports only the domain",
            },
          ],
        },
      ],
    },
  },
  {
    // The application layer reaches the world only through ports.
    files: ["src/app/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "**/infra/**",
                "**/adapters/**",
                "**/cli/**",
                "**/main.ts",
                "@prisma/*",
                "@slack/*",
                "@microsoft/*",
                "pg",
                "better-sqlite3",
              ],
              message: "src/app imports no infra and no adapter: go through src/ports",
            },
          ],
        },
      ],
    },
  },
  {
    // Infrastructure implements ports: it imports the domain and the ports, never the use cases
    // above it, an adapter, the CLI or the composition root (they pass down what it needs).
    files: ["src/infra/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/app/**", "**/adapters/**", "**/cli/**", "**/main.ts"],
              message: "src/infra imports no use case, adapter or CLI: the type belongs in src/ports",
            },
          ],
        },
      ],
    },
  },
  // Adapters never import the database or each other.
  ...ADAPTERS.map((name) => ({
    files: [`adapters/${name}/**/*.ts`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@prisma/*", "**/infra/db/**"], message: "adapters never import Prisma: go through src/app" },
            {
              group: ADAPTERS.filter((other) => other !== name).flatMap((other) => [
                `**/adapters/${other}/**`,
                `../${other}/**`,
                `../../${other}/**`,
              ]),
              message: "adapters never import each other",
            },
          ],
        },
      ],
    },
  })),
);
