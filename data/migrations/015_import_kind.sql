-- tcrm schema 15: what an import brought in (issue 12).
--
-- `tcrm import list` shows each batch's kind: 'contacts' (a contacts file,
-- vCard or CSV, with the companies it created) or 'products' (`tcrm import
-- --products`). It used to be guessed from import_changes, which a batch
-- that changed nothing (every row rejected or a duplicate) does not have.
-- Batches made before this schema are 'products' when they changed a
-- product, else 'contacts'.
ALTER TABLE import_batches ADD COLUMN kind TEXT NOT NULL DEFAULT 'contacts'
    CHECK (kind IN ('contacts', 'products'));
UPDATE import_batches SET kind = 'products'
 WHERE id IN (SELECT batch_id FROM import_changes WHERE entity = 'product');
