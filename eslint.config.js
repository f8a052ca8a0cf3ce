import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
    // Adapters never import Prisma or each other.
    files: ["adapters/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@prisma/*", "**/infra/db/**"], message: "adapters never import Prisma: go through src/app" },
          ],
        },
      ],
    },
  },
);
