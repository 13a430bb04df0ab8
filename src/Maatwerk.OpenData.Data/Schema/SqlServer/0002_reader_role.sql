-- The role the API's login belongs to: it may read the reporting schema and nothing else. The login
-- and user are created by the deployment tool ('reader' command) or by hand, see README.
IF DATABASE_PRINCIPAL_ID(N'maatwerk_reader') IS NULL CREATE ROLE maatwerk_reader;
GO

GRANT SELECT ON SCHEMA::reporting TO maatwerk_reader;
