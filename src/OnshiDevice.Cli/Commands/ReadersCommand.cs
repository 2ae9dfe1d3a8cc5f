using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Grpc.Core;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>
/// `onshi readers`: a table of the readers, numbered as --reader accepts them, whether each holds a card, the
/// card's type (Cards.IdentifyCard per reader holding one) and its ATR; `--json` for scripts.
/// </summary>
internal static class ReadersCommand
{
    public static Command Create(OnshiCli cli)
    {
        var json = new Option<bool>("--json") { Description = ReaderList.JsonDescription };
        var command = new Command("readers", ReaderList.Description) { Options = { json } };
        command.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            var response = await context.Readers.ListReadersAsync(new ListReadersRequest(), deadline: context.Deadline(), cancellationToken: token);
            var rows = new List<ReaderRow>();
            foreach (var reader in response.Readers)
            {
                rows.Add(await RowAsync(context, reader, token));
            }

            if (parseResult.GetValue(json))
            {
                await WriteJsonAsync(context.Io.Out, rows);
            }
            else
            {
                await WriteTableAsync(context.Io.Out, rows);
            }
        }));
        return command;
    }

    internal static async Task WriteTableAsync(TextWriter output, IReadOnlyList<ReaderRow> rows)
    {
        if (rows.Count == 0)
        {
            await output.WriteLineAsync(ReaderList.NoReaders);
            return;
        }

        string[] headings = ["#", ReaderList.NameHeading, ReaderList.CardHeading, ReaderList.TypeHeading, ReaderList.AtrHeading];
        var cells = rows.Select((row, index) => new[]
        {
            index.ToString(CultureInfo.InvariantCulture),
            row.Reader.Name,
            !row.Reader.CardPresent ? ReaderList.CardAbsent : row.Reader.InUse ? ReaderList.CardInUse : ReaderList.CardPresent,
            !row.Reader.CardPresent ? "-" : row.CardType is { } type ? TypeName(type) : Text.Format(ReaderList.TypeNotKnown, row.Failure),
            row.Reader.CardPresent ? Convert.ToHexString(row.Reader.Atr.Span) : "-",
        }).ToList();
        await TextTable.WriteAsync(output, headings, cells);
    }

    private static string TypeName(CardType type) => type switch
    {
        CardType.MyNumber => ReaderList.TypeMyNumber,
        CardType.Hpki => ReaderList.TypeHpki,
        _ => ReaderList.TypeUnknown,
    };

    // The card's type; a reader whose card cannot be identified now (busy, a card error) still gets its row.
    private static async Task<ReaderRow> RowAsync(CliContext context, Reader reader, CancellationToken cancellationToken)
    {
        if (!reader.CardPresent)
        {
            return new ReaderRow(reader, null, null);
        }

        try
        {
            var identity = await context.Cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = reader.Name }, deadline: context.Deadline(), cancellationToken: cancellationToken);
            return new ReaderRow(reader, identity.CardType, null);
        }
        catch (RpcException failure) when (ContractErrors.ErrorInfoOf(failure) is { Reason: { Length: > 0 } reason })
        {
            return new ReaderRow(reader, null, reason);
        }
    }

    private static async Task WriteJsonAsync(TextWriter output, IReadOnlyList<ReaderRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("readers");
            for (var index = 0; index < rows.Count; index++)
            {
                var row = rows[index];
                json.WriteStartObject();
                json.WriteNumber("index", index);
                json.WriteString("name", row.Reader.Name);
                json.WriteBoolean("card_present", row.Reader.CardPresent);
                json.WriteBoolean("in_use", row.Reader.InUse);
                if (row.Reader.CardPresent)
                {
                    json.WriteString("atr", Convert.ToHexString(row.Reader.Atr.Span));
                    if (row.CardType is { } type)
                    {
                        json.WriteString("card_type", ContractNames.ShortName(type));
                    }
                    else
                    {
                        json.WriteNull("card_type");
                        json.WriteString("card_type_error", row.Failure);
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>A reader as listed, with its card's type, or the reason it could not be identified.</summary>
    internal sealed record ReaderRow(Reader Reader, CardType? CardType, string? Failure);
}
