-- Room on each page for the rows the busy writes update. PostgreSQL updates a row in place on its page (a HOT
-- update: no new index entries, the old version pruned on the page) only when the page has room for the new
-- version; a full page sends it to another page with a new entry in every index. A check-in updates its
-- idempotency row right after inserting it (the stored result), the card's balance, and the card's counter for
-- the day; a redemption the balance, the per-person count and the reward's stock. Tables are filled to 100 % by
-- default. These leave room (pages filled from now on; VACUUM FULL or a restore rewrites the old ones).
ALTER TABLE idempotency SET (fillfactor = 50);
ALTER TABLE accounts SET (fillfactor = 80);
ALTER TABLE daily_earnings SET (fillfactor = 80);
ALTER TABLE redemption_counts SET (fillfactor = 80);
ALTER TABLE rewards SET (fillfactor = 50);
