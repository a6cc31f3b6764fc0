-- A number that grows with every change of `modules`: a server keeps the
-- published modules it has read, parsed, until the number moves on.
CREATE TABLE modules_revision (revision BIGINT NOT NULL);
INSERT INTO modules_revision (revision) VALUES (0);
