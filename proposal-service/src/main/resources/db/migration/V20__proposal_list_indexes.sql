-- Indexes for the proposal list (GET /api/v1/proposals) at ten years of a province (15,000 proposals), found with
-- EXPLAIN on bench/load-decade.sh's data (BENCHMARKS.md, "List and search at scale"):
--  * the committee's list counts every proposal but other people's drafts: (status, author_id) answers that count
--    from the index alone instead of scanning the table's rows;
--  * session + status + category (the usual committee filter) walked the primary key backwards from the newest
--    proposal until it had a page; this index finds the rows, in id order (InnoDB appends the primary key), for the
--    page and the count alike, and it replaces the single-column status index it starts with;
--  * overdue (status ASSIGNED/REHANDLING and reply_deadline before today) is a range on (status, reply_deadline).
--  * a proposal's detail lists the proposals merged into it (并案): merged_into_id had no index, so every detail
--    read scanned the whole table (EXPLAIN: type index, 14,181 rows; 5-20 ms of mysqld per detail).
-- A text query (q) is filtered, scoped and paged inside the search index and reads only the page's rows by id.
CREATE INDEX idx_proposal_status_author ON proposal (status, author_id);
CREATE INDEX idx_proposal_session_status_category ON proposal (session_id, status, category);
CREATE INDEX idx_proposal_status_deadline ON proposal (status, reply_deadline);
CREATE INDEX idx_proposal_merged_into ON proposal (merged_into_id);
DROP INDEX idx_proposal_status ON proposal;
