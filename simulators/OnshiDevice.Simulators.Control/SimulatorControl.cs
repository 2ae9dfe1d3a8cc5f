using System.Globalization;
using OnshiDevice.PcSc;
using OnshiDevice.Service.Errors;
using OnshiDevice.Simulators.PcSc;

namespace OnshiDevice.Simulators.Control;

/// <summary>
/// The hands at the simulated readers of <c>onshi-device --simulate</c>: the one place that inserts, removes and swaps
/// ready-made cards, plugs readers in and out and switches the faults of <see cref="SimulatedPcscApi"/>, one change at a
/// time. It remembers which ready-made card each reader holds, so a script can ask. Failures are the service's typed
/// errors (<see cref="ErrorMapper"/> maps them): a reader it does not have, a card where none may be or none where one
/// must be, a request it will not carry out.
/// </summary>
public sealed class SimulatorControl
{
    /// <summary>Readers the simulator holds at most, as pcsc-lite (PCSCLITE_MAX_READERS_CONTEXTS).</summary>
    public const int MaxReaders = 16;

    /// <summary>The longest card name accepted; the catalogue's are far shorter.</summary>
    public const int MaxCardNameLength = 64;

    /// <summary>What a reader holds when its card was put in by other means than this type.</summary>
    public const string UnnamedCard = "unnamed";

    private readonly Lock _gate = new();
    private readonly Dictionary<SimulatedReader, string> _cards = [];
    private bool _pcscStopped;

    public SimulatorControl(SimulatedPcscApi api)
    {
        ArgumentNullException.ThrowIfNull(api);
        Api = api;
    }

    /// <summary>The simulated PC/SC every change goes to, and the service reads.</summary>
    public SimulatedPcscApi Api { get; }

    /// <summary>The empty readers of <c>--simulate</c>, "OnshiDevice Simulated Reader 0" and "... 1"; the host then inserts its card into reader 0.</summary>
    public static SimulatorControl WithStandardReaders()
    {
        var control = new SimulatorControl(new SimulatedPcscApi());
        control.AddReader(StandardReaderName(0));
        control.AddReader(StandardReaderName(1));
        return control;
    }

    public static string StandardReaderName(int position) => string.Create(CultureInfo.InvariantCulture, $"OnshiDevice Simulated Reader {position}");

    /// <summary>Whether <paramref name="card"/> names a ready-made card.</summary>
    public static bool IsCardName(string card) => card.Length <= MaxCardNameLength && VirtualCardCatalog.Names.Contains(card, StringComparer.Ordinal);

    public SimulatedReaderState InsertCard(string reader, string card)
    {
        var created = Create(card);
        lock (_gate)
        {
            var target = Find(reader);
            if (target.Card is not null)
            {
                throw new CardPresentException();
            }

            target.Insert(created);
            _cards[target] = card;
            return StateOf(target);
        }
    }

    public SimulatedReaderState RemoveCard(string reader)
    {
        lock (_gate)
        {
            var target = Find(reader);
            if (target.Card is null)
            {
                // As PC/SC answers a call on an empty reader: NO_CARD.
                throw new PcscException(PcscErrorCode.NoSmartcard, "Simulator.RemoveCard");
            }

            target.Remove();
            _cards.Remove(target);
            return StateOf(target);
        }
    }

    public SimulatedReaderState SwapCard(string reader, string card)
    {
        var created = Create(card);
        lock (_gate)
        {
            var target = Find(reader);
            if (target.Card is null)
            {
                throw new PcscException(PcscErrorCode.NoSmartcard, "Simulator.SwapCard");
            }

            target.Replace(created);
            _cards[target] = card;
            return StateOf(target);
        }
    }

    public SimulatedReaderState AddReader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.All(char.IsAsciiDigit))
        {
            throw new RequestValidationException("reader", "A reader name is not only digits: those name a reader by its position.");
        }

        lock (_gate)
        {
            var readers = Api.Readers;
            if (readers.Any(existing => string.Equals(existing.Name, name, StringComparison.Ordinal)))
            {
                throw new RequestValidationException("reader", "A reader of that name is attached already.");
            }

            if (readers.Count >= MaxReaders)
            {
                throw new RequestValidationException("reader", string.Create(CultureInfo.InvariantCulture, $"The simulator holds at most {MaxReaders} readers; remove one first."));
            }

            return StateOf(Api.AddReader(name));
        }
    }

    public void RemoveReader(string reader)
    {
        lock (_gate)
        {
            var target = Find(reader);
            Api.RemoveReader(target.Name);
            _cards.Remove(target);
        }
    }

    /// <summary>Switches a fault on; <paramref name="reader"/> names the reader of the per-reader faults and is null for the others.</summary>
    public void InjectFault(SimulatedFault fault, string? reader)
    {
        var perReader = fault is SimulatedFault.CardMute or SimulatedFault.ReaderUnavailable;
        if (perReader != reader is not null)
        {
            throw new RequestValidationException("reader", perReader
                ? "This fault is of one reader: name it."
                : "This fault affects every reader: name none.");
        }

        lock (_gate)
        {
            switch (fault)
            {
                case SimulatedFault.CardMute:
                    Find(reader!).Condition = SimulatedReaderCondition.CardMute;
                    break;
                case SimulatedFault.ReaderUnavailable:
                    Find(reader!).Condition = SimulatedReaderCondition.Unavailable;
                    break;
                case SimulatedFault.TransmitFailure:
                    Api.Faults.TransmitFailure = PcscErrorCode.CommError;
                    break;
                case SimulatedFault.PcscStopped:
                    Api.StopService();
                    _pcscStopped = true;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(fault), fault, "Unknown fault.");
            }
        }
    }

    /// <summary>Every fault off: readers working, commands reaching the cards, the PC/SC service running.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            foreach (var reader in Api.Readers)
            {
                reader.Condition = SimulatedReaderCondition.Working;
            }

            Api.Faults.TransmitFailure = PcscErrorCode.Success;
            if (_pcscStopped)
            {
                Api.StartService();
                _pcscStopped = false;
            }
        }
    }

    public SimulationState State()
    {
        lock (_gate)
        {
            return new SimulationState([.. Api.Readers.Select(StateOf)], Api.Faults.TransmitFailure != PcscErrorCode.Success, _pcscStopped);
        }
    }

    private static IVirtualCard Create(string card) =>
        IsCardName(card) ? VirtualCardCatalog.Create(card) : throw new RequestValidationException("card", "Not a ready-made card's name (onshi-sim insert --help lists them).");

    private SimulatedReaderState StateOf(SimulatedReader reader) =>
        new(reader.Name, reader.Card is null ? null : _cards.GetValueOrDefault(reader, UnnamedCard), reader.Condition);

    // By name first (a name is never only digits), else by position.
    private SimulatedReader Find(string reader)
    {
        var readers = Api.Readers;
        var named = readers.FirstOrDefault(candidate => string.Equals(candidate.Name, reader, StringComparison.Ordinal));
        if (named is not null)
        {
            return named;
        }

        if (reader.Length is > 0 and <= 4 && reader.All(char.IsAsciiDigit) && int.Parse(reader, CultureInfo.InvariantCulture) is var position && position < readers.Count)
        {
            return readers[position];
        }

        throw new ReaderNotFoundException("There is no simulated reader of that name or position; onshi-sim status lists them.");
    }
}
