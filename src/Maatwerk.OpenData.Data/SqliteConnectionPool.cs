using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// The embedded database's open connections, kept between requests with what is costly to set up on
/// them: each keeps its prepared statements (SQLite compiles a statement's text into a program, which
/// for a list with child arrays costs about as much as running it) and its session
/// (<see cref="SqliteSession"/>: the OData functions and the progress handler). A connection is lent to
/// one caller at a time and comes back when the caller disposes it; one that failed, still has a
/// statement running or finds the file changed is closed instead. Microsoft.Data.Sqlite's own pool is
/// off: it keeps the physical connection but drops the prepared statements on every close.
/// </summary>
internal sealed class SqliteConnectionPool(string path, string connectionString) : IDisposable
{
    // Enough for every core to have a few requests in the database at once; more are opened and closed.
    private static readonly int MaxIdle = Math.Max(8, 4 * Environment.ProcessorCount);

    static SqliteConnectionPool()
    {
        // SQLite counts every allocation under one process-wide mutex for sqlite3_memory_used, which nothing
        // here reads; requests on all cores queue on it. The setting must come before SQLite starts (before
        // the first connection opens); after that SQLite refuses it (SQLITE_MISUSE) and keeps counting.
        SQLitePCL.Batteries_V2.Init();
        _ = SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }

    private readonly ConcurrentStack<PooledSqliteConnection> idle = new();
    private DateTime fileWritten = DateTime.MinValue;
    private bool disposed;

    /// <summary>How many connections wait to be lent (for tests).</summary>
    public int IdleCount => idle.Count;

    /// <summary>An open connection: an idle one when the file is the one it was opened on, else a new one.</summary>
    public async Task<DbConnection> RentAsync(CancellationToken cancellationToken)
    {
        // A file moved away or replaced (a rebuilt database) must not be read through connections opened on the old one.
        var file = new FileInfo(path);
        var written = file.Exists ? file.LastWriteTimeUtc : DateTime.MinValue;
        if (written != fileWritten)
        {
            Clear();
            fileWritten = written;
        }

        while (idle.TryPop(out var connection))
        {
            if (connection.Written == written)
            {
                connection.Lent = true;
                return connection;
            }

            connection.Close(destroy: true);
        }

        var opened = new PooledSqliteConnection(connectionString, this, written);
        try
        {
            await opened.OpenAsync(cancellationToken);
        }
        catch
        {
            opened.Close(destroy: true);
            throw;
        }

        opened.Lent = true;
        return opened;
    }

    /// <summary>Closes every idle connection.</summary>
    public void Clear()
    {
        while (idle.TryPop(out var connection))
        {
            connection.Close(destroy: true);
        }
    }

    public void Dispose()
    {
        disposed = true;
        Clear();
    }

    // Whether the connection was taken back; if not, the caller closes it.
    private bool TakeBack(PooledSqliteConnection connection)
    {
        if (disposed || connection.Broken || connection.State != ConnectionState.Open || connection.Written != fileWritten
            || connection.HasRunningStatement() || idle.Count >= MaxIdle)
        {
            return false;
        }

        connection.Lent = false;
        idle.Push(connection);
        return true;
    }

    /// <summary>A pooled connection: disposing it lends it back; its commands reuse prepared statements by text.</summary>
    internal sealed class PooledSqliteConnection(string connectionString, SqliteConnectionPool pool, DateTime written) : SqliteConnection(connectionString)
    {
        // Statements kept per connection; beyond this the idle ones are dropped all at once.
        private const int MaxPrepared = 64;

        private readonly Dictionary<string, KeptCommand> prepared = new(StringComparer.Ordinal);
        private bool destroying;

        public DateTime Written { get; } = written;

        public bool Lent { get; set; }

        /// <summary>A statement on it failed; it is closed rather than lent again.</summary>
        public bool Broken { get; set; }

        public void Close(bool destroy)
        {
            destroying = destroy;
            Dispose();
        }

        /// <summary>Whether a kept command is still with a caller (its reader not yet disposed, say).</summary>
        public bool HasRunningStatement() => prepared.Values.Any(k => k.Busy);

        protected override DbCommand CreateDbCommand() => new ReusingCommand(this);

        protected override void Dispose(bool disposing)
        {
            if (disposing && !destroying && Lent && pool.TakeBack(this))
            {
                return;
            }

            if (disposing)
            {
                foreach (var kept in prepared.Values)
                {
                    kept.Command.Dispose();
                }

                prepared.Clear();
            }

            base.Dispose(disposing);
        }

        /// <summary>The kept command for this text, lent to the caller; null when it is lent already (the caller makes its own).</summary>
        public KeptCommand? Lend(string text, object borrower)
        {
            if (prepared.TryGetValue(text, out var kept))
            {
                if (kept.Busy)
                {
                    return null;
                }

                kept.Command.Parameters.Clear();
                kept.LendTo(borrower);
                return kept;
            }

            if (prepared.Count >= MaxPrepared)
            {
                foreach (var old in prepared.Values.Where(k => !k.Busy).ToList())
                {
                    prepared.Remove(old.Command.CommandText);
                    old.Command.Dispose();
                }
            }

            kept = new KeptCommand(NewCommand(text, this));
            kept.LendTo(borrower);
            prepared[text] = kept;
            return kept;
        }
    }

    /// <summary>
    /// A command kept on its connection with its prepared statement, and who has it now. It is free again
    /// when its borrower is disposed, or once the reader it gave is closed: a caller may dispose the reader
    /// and never the command (Dapper's wrapped reader, for one).
    /// </summary>
    internal sealed class KeptCommand(SqliteCommand command)
    {
        private object? borrower;
        private DbDataReader? reader;

        public SqliteCommand Command { get; } = command;

        public bool Busy => borrower is not null && reader is not { IsClosed: true };

        public void LendTo(object by)
        {
            borrower = by;
            reader = null;
        }

        public void Read(object by, DbDataReader opened)
        {
            if (ReferenceEquals(borrower, by))
            {
                reader = opened;
            }
        }

        public void Return(object by)
        {
            if (ReferenceEquals(borrower, by))
            {
                borrower = null;
                reader = null;
            }
        }
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The text is a statement the translator built; values are parameters.")]
    private static SqliteCommand NewCommand(string text, SqliteConnection connection) => new(text, connection);

    /// <summary>
    /// The command Dapper (or any caller) creates on a pooled connection: setting its text picks the
    /// connection's prepared command for that text; everything else is passed on to it.
    /// </summary>
    private sealed class ReusingCommand : DbCommand
    {
        private readonly PooledSqliteConnection connection;
        private SqliteCommand? inner;
        private KeptCommand? kept;
        private int timeout = 30;

        public ReusingCommand(PooledSqliteConnection connection)
        {
            this.connection = connection;

            // It holds nothing the finalizer would release (DbCommand inherits one from Component), and
            // callers that dispose only the reader would leave one per statement to the finalizer thread.
            GC.SuppressFinalize(this);
        }

        [AllowNull]
        public override string CommandText
        {
            get => inner?.CommandText ?? string.Empty;
            set
            {
                // Parameters added before the text was set move to the command that runs it.
                var pending = kept is null ? inner?.Parameters.Cast<SqliteParameter>().ToList() : null;
                Release();
                kept = connection.Lend(value ?? string.Empty, this);
                inner = kept?.Command ?? NewCommand(value ?? string.Empty, connection);
                inner.CommandTimeout = timeout;
                if (pending is { Count: > 0 })
                {
                    inner.Parameters.Clear();
                    inner.Parameters.AddRange(pending.ToArray());
                }
            }
        }

        public override int CommandTimeout
        {
            get => timeout;
            set
            {
                timeout = value;
                if (inner is not null)
                {
                    inner.CommandTimeout = value;
                }
            }
        }

        public override CommandType CommandType
        {
            get => CommandType.Text;
            set
            {
                if (value != CommandType.Text)
                {
                    throw new NotSupportedException("SQLite runs text commands only.");
                }
            }
        }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection
        {
            get => connection;
            set => throw new NotSupportedException("A pooled command stays on its connection.");
        }

        protected override DbParameterCollection DbParameterCollection => Inner.Parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        // Before its text is set, a command of its own holds what the caller sets.
        private SqliteCommand Inner => inner ??= NewCommand(string.Empty, connection);

        public override void Cancel() => Inner.Cancel();

        public override int ExecuteNonQuery() => Run(c => c.ExecuteNonQuery());

        public override object? ExecuteScalar() => Run(c => c.ExecuteScalar());

        public override void Prepare() => Inner.Prepare();

        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            var reader = Run(c => c.ExecuteReader(behavior));
            kept?.Read(this, reader);
            return reader;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Release();
            }

            base.Dispose(disposing);
        }

        private T Run<T>(Func<SqliteCommand, T> run)
        {
            try
            {
                return run(Inner);
            }
            catch (SqliteException e) when (e.SqliteErrorCode != SQLitePCL.raw.SQLITE_INTERRUPT)
            {
                connection.Broken = true;
                throw;
            }
        }

        private void Release()
        {
            if (inner is null)
            {
                return;
            }

            if (kept is not null)
            {
                kept.Return(this);
            }
            else
            {
                inner.Dispose();
            }

            inner = null;
            kept = null;
        }
    }
}
