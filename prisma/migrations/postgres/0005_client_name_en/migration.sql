-- Clients get an English name (issue #16): a nullable column, no table rewrite.
ALTER TABLE "Client" ADD COLUMN "nameEn" TEXT;
