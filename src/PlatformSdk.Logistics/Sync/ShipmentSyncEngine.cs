using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Logistics.Carriers;
using PlatformSdk.Logistics.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.Logistics.Sync;

/// <summary>
/// Syncs shipments to their sales platforms exactly once (docs/logistics.md, "Sync engine"). Every shipment is checked before
/// anything is sent; its record in the <see cref="IShipmentSyncStore"/> is marked <see cref="ShipmentSyncState.Sending"/>
/// durably BEFORE each send, so a send that may have happened (a timeout, a dropped connection, a back-end timeout such as
/// RLOG-40, a crash) is reconciled through <see cref="ShipmentSender.QueryStatusAsync"/> and never blindly sent again.
/// Platform answers that say the shipment is already there (AlreadyDone: RLOG-07, RLOG-11, RLOG-13, RLOG-27) count as synced;
/// transient and throttled failures are retried with backoff within <see cref="ShipmentSyncOptions.MaxAttempts"/>; every
/// other refusal stops with the catalogue's rule and remedy.
/// </summary>
/// <remarks>
/// A shipment refused by a check before sending (a bad id, an unmapped carrier, a refused tracking number, RLOG-10, RLOG-31,
/// RLOG-52, RLOG-08) or skipped (RLOG-38) is not recorded in the store: fix it and submit it again under the same id. Once a
/// shipment is recorded, the recorded shipment is the one synced; a resubmission with other data under the same id does not
/// change it. Every member is virtual so the engine can be mocked.
/// </remarks>
public partial class ShipmentSyncEngine
{
    private const string ErrorPlatform = "Logistics";

    private static readonly ValidationGuard Guard = new(ErrorPlatform);

    private readonly FrozenDictionary<string, ShipmentSender> _senders = FrozenDictionary<string, ShipmentSender>.Empty;
    private readonly IShipmentSyncStore _store = null!;
    private readonly CarrierRegistry _carriers = null!;
    private readonly ShipmentSyncOptions _options = null!;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly PlatformRateLimiters? _rateLimiters;
    private readonly IOptionsMonitor<PlatformResilienceOptions>? _resilience;
    private readonly ConcurrentDictionary<string, OrderGroup> _orders = new(StringComparer.Ordinal);

    /// <summary>Creates the engine.</summary>
    /// <param name="senders">One sender per platform (a second sender for the same platform is refused).</param>
    /// <param name="store">The durable sync state.</param>
    /// <param name="carriers">The carrier registry that maps ERP carriers to platform codes and checks tracking numbers.</param>
    /// <param name="options">The settings.</param>
    /// <param name="timeProvider">The clock of backoff waits; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <param name="rateLimiters">
    /// The SDK's rate limiters (shared across processes with PlatformSdk.Redis): a platform's request to pause (a throttled
    /// answer with a retry-after, RLOG-49) pauses the sender's <see cref="ShipmentSender.PipelinePlatform"/> and the shop in
    /// them. Nothing is paused when null.
    /// </param>
    /// <param name="resilience">The per-platform settings of those limiters (their rate); a platform without a rate is not paused.</param>
    /// <exception cref="ArgumentException">Two senders serve one platform, a sender names an unknown platform, or a setting is out of range.</exception>
    public ShipmentSyncEngine(IEnumerable<ShipmentSender> senders, IShipmentSyncStore store, CarrierRegistry carriers, ShipmentSyncOptions options,
        TimeProvider? timeProvider = null, ILogger? logger = null, PlatformRateLimiters? rateLimiters = null,
        IOptionsMonitor<PlatformResilienceOptions>? resilience = null)
    {
        ArgumentNullException.ThrowIfNull(senders);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(carriers);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var byPlatform = new Dictionary<string, ShipmentSender>(StringComparer.OrdinalIgnoreCase);
        foreach (var sender in senders)
        {
            ArgumentNullException.ThrowIfNull(sender, nameof(senders));
            var platform = ShipmentPlatforms.Canonical(sender.Platform)
                ?? throw new ArgumentException($"The sender {sender.GetType().Name} names '{sender.Platform}', which is not a ShipmentPlatforms name.", nameof(senders));
            if (!byPlatform.TryAdd(platform, sender))
            {
                throw new ArgumentException($"Two shipment senders serve {platform} ({byPlatform[platform].GetType().Name} and {sender.GetType().Name}); register one.", nameof(senders));
            }
        }

        _senders = byPlatform.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _store = store;
        _carriers = carriers;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _rateLimiters = rateLimiters;
        _resilience = resilience;
    }

    /// <summary>For mocking.</summary>
    protected ShipmentSyncEngine()
    {
    }

    /// <summary>The settings in use.</summary>
    public virtual ShipmentSyncOptions Options => _options;

    /// <summary>The platforms a sender is registered for.</summary>
    public virtual IReadOnlyCollection<string> Platforms => _senders.Keys;

    /// <summary>
    /// Submits one shipment. In <see cref="ShipmentSyncMode.Automatic"/> mode it is synced now; in
    /// <see cref="ShipmentSyncMode.Manual"/> mode it is recorded <see cref="ShipmentSyncStatus.WaitingForManualSync"/> (sync it
    /// with <see cref="SyncNowAsync"/>). A shipment already finished returns its recorded outcome and sends nothing.
    /// </summary>
    /// <param name="shipment">The shipment.</param>
    /// <param name="cancellationToken">Cancels the sync; a send in flight then stays recorded as sending and is reconciled by <see cref="ResumeAsync"/>.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="PlatformValidationException">The shipment has no <see cref="Shipment.ShipmentId"/>.</exception>
    public virtual Task<ShipmentSyncOutcome> SubmitAsync(Shipment shipment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        RequireId(shipment);
        return ProcessAsync(shipment, manual: false, registered: false, cancellationToken);
    }

    /// <summary>
    /// Submits a batch (as <see cref="SubmitAsync"/>), at most <see cref="ShipmentSyncOptions.MaxConcurrency"/> at a time. The
    /// batch's shipments count for the split policy together, so a batch holding every sub-order of an order holds none.
    /// A shipment id listed twice is synced once (both get its outcome).
    /// </summary>
    /// <param name="shipments">The shipments.</param>
    /// <param name="progress">Told after every shipment how far the batch has come.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>The outcomes, in the order of <paramref name="shipments"/>.</returns>
    /// <exception cref="PlatformValidationException">A shipment has no <see cref="Shipment.ShipmentId"/> (nothing was synced).</exception>
    public virtual async Task<IReadOnlyList<ShipmentSyncOutcome>> SyncAsync(IEnumerable<Shipment> shipments, IProgress<ShipmentSyncProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shipments);
        var list = shipments.ToList();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var shipment = list[i] ?? throw new ArgumentException($"shipments[{i}] is null.", nameof(shipments));
            RequireId(shipment);
            first.TryAdd(shipment.ShipmentId, i);
        }

        foreach (var index in first.Values)
        {
            Register(list[index]);
        }

        var results = new ShipmentSyncOutcome[list.Count];
        var counter = new ProgressCounter(list.Count, progress);
        await Parallel.ForEachAsync(first.Values, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var outcome = await ProcessAsync(list[index], manual: false, registered: true, token).ConfigureAwait(false);
                results[index] = outcome;
                counter.Add(outcome);
            }).ConfigureAwait(false);
        for (var i = 0; i < list.Count; i++)
        {
            var firstIndex = first[list[i].ShipmentId];
            if (firstIndex != i)
            {
                results[i] = results[firstIndex];
                counter.Add(results[i]);
            }
        }

        return results;
    }

    /// <summary>
    /// Syncs a recorded shipment now, whatever the mode (the manual sync of one waiting for it; also a held or retry-later one).
    /// A finished shipment returns its recorded outcome and sends nothing.
    /// </summary>
    /// <param name="shipmentId">The shipment's id.</param>
    /// <param name="cancellationToken">Cancels the sync.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="PlatformValidationException">No shipment with that id is recorded.</exception>
    public virtual async Task<ShipmentSyncOutcome> SyncNowAsync(string shipmentId, CancellationToken cancellationToken = default)
    {
        Guard.Required("shipmentId", shipmentId);
        var record = await _store.GetAsync(shipmentId, cancellationToken).ConfigureAwait(false)
            ?? throw Guard.Fail("shipmentId", shipmentId, null, "no shipment with this id is recorded; submit it first.");
        return record is { State: ShipmentSyncState.Done, Outcome: { } done }
            ? done
            : await ProcessAsync(record.Shipment, manual: true, registered: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Picks up what the store has unfinished, after a restart: a record left <see cref="ShipmentSyncState.Sending"/> (a send
    /// may have happened) is reconciled first: found shipped it is <see cref="ShipmentSyncStatus.AlreadySynced"/>, found not
    /// shipped it is sent again, and when the platform cannot tell it ends <see cref="ShipmentSyncStatus.OutcomeUnknown"/>
    /// with <see cref="ShipmentSyncOutcome.MayHaveBeenProcessed"/> (never a blind resend). Pending records (retry later, held,
    /// and in automatic mode those waiting for a manual sync) are synced; in manual mode waiting ones stay waiting. The store is
    /// read page by page (<see cref="ShipmentSyncOptions.ResumeBatchSize"/>) with its cursor, so a record behind many held ones
    /// is reached; one call works on at most <see cref="ShipmentSyncOptions.MaxResumeRecords"/> records (call it again for
    /// more), each page at most <see cref="ShipmentSyncOptions.MaxConcurrency"/> at a time.
    /// </summary>
    /// <param name="cancellationToken">Cancels the resume.</param>
    /// <returns>The outcomes of the records worked on.</returns>
    public virtual async Task<IReadOnlyList<ShipmentSyncOutcome>> ResumeAsync(CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var outcomes = new List<ShipmentSyncOutcome>();
        string? continuation = null;
        // Every record a page brings (new or not) and every empty page spends the budget, so a store whose cursor keeps
        // moving without bringing anything new still ends the pass.
        var budget = _options.MaxResumeRecords;
        do
        {
            var page = await _store.ListResumableAsync(Math.Min(_options.ResumeBatchSize, budget), continuation, cancellationToken)
                .ConfigureAwait(false);
            budget -= Math.Max(1, page.Records.Count);
            if (page.ContinuationToken is not null && string.Equals(page.ContinuationToken, continuation, StringComparison.Ordinal))
            {
                // A store whose cursor does not move would loop forever: end this pass (the next call starts again).
                Log.ResumeStalled(_logger, continuation);
                break;
            }

            continuation = page.ContinuationToken;
            var work = new List<ShipmentSyncRecord>(page.Records.Count);
            foreach (var record in page.Records)
            {
                if (seen.Add(record.ShipmentId)
                    && !(record.State == ShipmentSyncState.Pending && record.Outcome?.Status == ShipmentSyncStatus.WaitingForManualSync && _options.Mode == ShipmentSyncMode.Manual))
                {
                    Register(record.Shipment);
                    work.Add(record);
                }
            }

            var results = new ShipmentSyncOutcome[work.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, work.Count), new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
                async (index, token) => results[index] = await ProcessAsync(work[index].Shipment, manual: false, registered: true, token).ConfigureAwait(false))
                .ConfigureAwait(false);
            outcomes.AddRange(results);
        }
        while (continuation is not null && budget > 0);

        return outcomes;
    }

    /// <summary>The recorded outcome of a shipment, or <see langword="null"/> when it is not recorded or has none yet.</summary>
    /// <param name="shipmentId">The shipment's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome, or <see langword="null"/>.</returns>
    public virtual async Task<ShipmentSyncOutcome?> GetOutcomeAsync(string shipmentId, CancellationToken cancellationToken = default)
    {
        Guard.Required("shipmentId", shipmentId);
        return (await _store.GetAsync(shipmentId, cancellationToken).ConfigureAwait(false))?.Outcome;
    }

    private static void RequireId(Shipment shipment)
    {
        if (string.IsNullOrWhiteSpace(shipment.ShipmentId))
        {
            throw Guard.Fail("ShipmentId", shipment.ShipmentId, null, "a shipment needs the ERP's id of it: the key that keeps it from being sent twice.");
        }

        Guard.Identifier("ShipmentId", shipment.ShipmentId, null);
    }

    private async Task<ShipmentSyncOutcome> ProcessAsync(Shipment submitted, bool manual, bool registered, CancellationToken cancellationToken)
    {
        var existing = await _store.GetAsync(submitted.ShipmentId, cancellationToken).ConfigureAwait(false);
        if (existing is { State: ShipmentSyncState.Done, Outcome: { } done })
        {
            return done;
        }

        var shipment = existing?.Shipment ?? submitted;
        var check = Check(shipment);
        if (check.Refusal is { } refused)
        {
            return refused;
        }

        if (existing is null)
        {
            var record = await _store.AddAsync(shipment, cancellationToken).ConfigureAwait(false);
            if (record is { State: ShipmentSyncState.Done, Outcome: { } raced })
            {
                return raced;
            }

            if (!ReferenceEquals(record.Shipment, shipment))
            {
                // Another worker recorded this id first: its shipment is the one synced.
                shipment = record.Shipment;
                check = Check(shipment);
                if (check.Refusal is { } refusedToo)
                {
                    return refusedToo;
                }
            }
        }

        if (!registered)
        {
            Register(shipment);
        }

        var claim = await _store.TryClaimAsync(shipment.ShipmentId, _options.Lease, cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            return await BusyAsync(shipment.ShipmentId, cancellationToken).ConfigureAwait(false);
        }

        var outcome = await ProcessClaimAsync(claim, check.Prepared!, manual, cancellationToken).ConfigureAwait(false);
        if (outcome.Status is ShipmentSyncStatus.Synced or ShipmentSyncStatus.AlreadySynced or ShipmentSyncStatus.WaitingForManualSync)
        {
            await ReleaseHeldSiblingsAsync(shipment, manual, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    private async Task<ShipmentSyncOutcome> BusyAsync(string shipmentId, CancellationToken cancellationToken)
    {
        var record = await _store.GetAsync(shipmentId, cancellationToken).ConfigureAwait(false);
        return record is { State: ShipmentSyncState.Done, Outcome: { } done }
            ? done
            : new ShipmentSyncOutcome
            {
                ShipmentId = shipmentId,
                Status = ShipmentSyncStatus.RetryLater,
                Remedy = "Another worker is syncing this shipment now: read its outcome later (nothing was sent by this call).",
            };
    }

    private async Task<ShipmentSyncOutcome> ProcessClaimAsync(ShipmentClaim claim, PreparedShipment prepared, bool manual, CancellationToken cancellationToken)
    {
        var shipment = prepared.Shipment;
        if (claim.Record.State == ShipmentSyncState.Sending)
        {
            // A send started and its end was never recorded (a crash, or a cancelled sync): it may have been applied.
            Log.Reconciling(_logger, shipment.ShipmentId, claim.Record.SendsStarted);
            var state = await ReconcileAsync(prepared.Sender, shipment, cancellationToken).ConfigureAwait(false);
            if (state == ShipmentPlatformState.Shipped)
            {
                return await FinishAsync(claim, Outcome(shipment, ShipmentSyncStatus.AlreadySynced, null,
                    "A send was interrupted and the platform shows the order shipped: recorded as synced; nothing was sent again.", null, 0), true).ConfigureAwait(false);
            }

            if (state == ShipmentPlatformState.Unknown && !prepared.Sender.Capabilities.ResendsAreIdempotent)
            {
                return await FinishAsync(claim, Unknown(shipment, null, null, 0, "A send was interrupted and its outcome is unknown"), true).ConfigureAwait(false);
            }
        }

        if (!manual && _options.Mode == ShipmentSyncMode.Manual)
        {
            return await FinishAsync(claim, Outcome(shipment, ShipmentSyncStatus.WaitingForManualSync, null,
                "Automatic sync is off: sync it with SyncNowAsync.", null, 0), false).ConfigureAwait(false);
        }

        if (MustHold(shipment))
        {
            return await FinishAsync(claim, Outcome(shipment, ShipmentSyncStatus.Held, "RLOG-09",
                "Held until every sub-order of the order has shipped (split policy WhenAllSubOrdersShipped): submit the other sub-orders' shipments.", null, 0),
                false).ConfigureAwait(false);
        }

        return await SendAsync(claim, prepared, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ShipmentSyncOutcome> SendAsync(ShipmentClaim claim, PreparedShipment prepared, CancellationToken cancellationToken)
    {
        var shipment = prepared.Shipment;
        var sender = prepared.Sender;
        var attempts = 0;
        while (true)
        {
            var begun = await _store.BeginSendAsync(claim, cancellationToken).ConfigureAwait(false);
            if (begun is null)
            {
                // The lease ended and may have been taken over; this worker sent nothing under it.
                return await BusyAsync(shipment.ShipmentId, cancellationToken).ConfigureAwait(false);
            }

            claim = begun;
            attempts++;
            Failure failure;
            try
            {
                await sender.SendAsync(new ShipmentSendRequest(shipment, prepared.CarrierCode, claim.Record.SendsStarted), cancellationToken).ConfigureAwait(false);
                Log.Synced(_logger, shipment.ShipmentId, shipment.Platform, attempts);
                return await FinishAsync(claim, Outcome(shipment, ShipmentSyncStatus.Synced, null, null, null, attempts), true).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The record stays Sending: whoever resumes it reconciles before any resend.
                throw;
            }
            catch (PlatformException ex)
            {
                failure = Classify(sender.Platform, ex);
            }
#pragma warning disable CA1031 // Any other failure of a sender may come after the platform applied the send: treated as unknown, never swallowed silently.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = new Failure(new PlatformError(sender.Platform, "SDK_SEND_FAILED", ex.GetType().Name, ErrorCategory.Transient,
                    "The send failed after it may have reached the platform: check the order's status.") { Delivery = RequestDelivery.OutcomeUnknown }, null, true);
            }

            Log.SendFailed(_logger, shipment.ShipmentId, shipment.Platform, failure.Error.Category, failure.RuleId, failure.OutcomeUnknown);
            if (failure.Error.Category == ErrorCategory.AlreadyDone)
            {
                return await FinishAsync(claim, Outcome(shipment, ShipmentSyncStatus.AlreadySynced, failure.RuleId, failure.Error.Remedy, failure.Error, attempts), true).ConfigureAwait(false);
            }

            if (failure.OutcomeUnknown)
            {
                var state = await ReconcileAsync(sender, shipment, cancellationToken).ConfigureAwait(false);
                if (state == ShipmentPlatformState.Shipped)
                {
                    return await FinishAsync(claim, Outcome(shipment, ShipmentSyncStatus.AlreadySynced, failure.RuleId,
                        "The send's outcome was unknown and the platform shows the order shipped: recorded as synced.", failure.Error, attempts), true).ConfigureAwait(false);
                }

                if (state == ShipmentPlatformState.Unknown && !sender.Capabilities.ResendsAreIdempotent)
                {
                    return await FinishAsync(claim, Unknown(shipment, failure.RuleId, failure.Error, attempts, "The platform did not say whether it applied the send"), true).ConfigureAwait(false);
                }
            }
            else if (failure.Error.Category is not (ErrorCategory.Transient or ErrorCategory.Throttled))
            {
                return await FinishAsync(claim, Outcome(shipment, ShipmentSyncStatus.Failed, failure.RuleId, failure.Error.Remedy, failure.Error, attempts), true).ConfigureAwait(false);
            }

            await PauseTheLimiterIfAskedAsync(sender, shipment, failure.Error).ConfigureAwait(false);

            // Nothing was applied (or the platform will recognise the repeat): retry after a pause, recorded as pending meanwhile.
            var delay = Backoff(attempts, failure.Error.RetryAfter);
            var retry = Outcome(shipment, ShipmentSyncStatus.RetryLater, failure.RuleId,
                failure.Error.Remedy is { Length: > 0 } remedy ? remedy : "A transient failure: the shipment is synced again later.", failure.Error, attempts);
            // The pause starts now, at the failure, not after the store's write: once the record shows the retry, its timer runs.
            using (var pause = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var wait = delay > TimeSpan.Zero && delay <= _options.MaxDelay ? Task.Delay(delay, _time, pause.Token) : Task.CompletedTask;
                if (!await _store.CompleteAsync(claim, retry, false, _time.GetUtcNow() + delay, cancellationToken).ConfigureAwait(false)
                    || attempts >= _options.MaxAttempts || delay > _options.MaxDelay)
                {
                    await pause.CancelAsync().ConfigureAwait(false);
                    return retry;
                }

                await wait.ConfigureAwait(false);
            }

            var again = await _store.TryClaimAsync(shipment.ShipmentId, _options.Lease, cancellationToken).ConfigureAwait(false);
            if (again is null)
            {
                return retry;
            }

            if (again.Record.State != ShipmentSyncState.Pending)
            {
                // Someone else started a send meanwhile and did not finish it: reconcile as after a crash.
                return await ProcessClaimAsync(again, prepared, manual: true, cancellationToken).ConfigureAwait(false);
            }

            claim = again;
        }
    }

    private TimeSpan Backoff(int attempts, TimeSpan? retryAfter)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var exponential = TimeSpan.FromTicks((long)Math.Min(_options.BaseDelay.Ticks * factor, _options.MaxDelay.Ticks));
        return retryAfter is { } asked && asked > exponential ? asked : exponential;
    }

    private async Task<ShipmentPlatformState> ReconcileAsync(ShipmentSender sender, Shipment shipment, CancellationToken cancellationToken)
    {
        if (!sender.Capabilities.CanQueryStatus)
        {
            return ShipmentPlatformState.Unknown;
        }

        try
        {
            var state = await sender.QueryStatusAsync(shipment, cancellationToken).ConfigureAwait(false);
            Log.Reconciled(_logger, shipment.ShipmentId, state);
            return Enum.IsDefined(state) ? state : ShipmentPlatformState.Unknown;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failed status query tells nothing: the shipment is then treated as possibly applied.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ReconcileFailed(_logger, shipment.ShipmentId, ex.GetType().Name);
            return ShipmentPlatformState.Unknown;
        }
    }

    private async Task<ShipmentSyncOutcome> FinishAsync(ShipmentClaim claim, ShipmentSyncOutcome outcome, bool final)
    {
        // Written even when the caller cancels now: the send's result must not be lost once it is known.
        if (!await _store.CompleteAsync(claim, outcome, final, null, CancellationToken.None).ConfigureAwait(false))
        {
            Log.LeaseLost(_logger, claim.ShipmentId, outcome.Status);
        }

        return outcome;
    }

    // The platform asked to be left alone (RLOG-49): the pause goes to the limiter the sender's calls take permits from, so
    // every process sharing it waits on that platform and shop. Not on the sync's token, like the executor's own pause; and
    // a limiter store that is down must not replace the platform's answer, which the caller gets either way.
    private async ValueTask PauseTheLimiterIfAskedAsync(ShipmentSender sender, Shipment shipment, PlatformError error)
    {
        if (_rateLimiters is null || _resilience is null || error.Category != ErrorCategory.Throttled || error.RetryAfter is not { } wait || wait <= TimeSpan.Zero)
        {
            return;
        }

        var platform = sender.PipelinePlatform;
        // The settings of the platform's default registration, the ones its executor's limiter runs with.
        var options = _resilience.Get(PlatformResilienceOptions.NameFor(platform, null));
        var context = new PlatformRequestContext(new PlatformOperation(platform, "shipment.send", OperationIdempotency.NonIdempotentWrite), shipment.Shop, null);
        try
        {
            await _rateLimiters.PauseAsync(context, options, wait, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // see above: the platform's answer stays what the caller sees.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.PauseNotShared(_logger, platform, shipment.Shop, ex.GetType().Name);
        }
    }

    private static Failure Classify(string platform, PlatformException ex)
    {
        var error = ex.Error;
        var mayHaveBeenProcessed = ex.MayHaveBeenProcessed || error.Delivery == RequestDelivery.OutcomeUnknown;
        if (error.RuleId is null && ex is not PlatformValidationException)
        {
            var explained = ShipmentErrorCatalogue.Explain(platform, error.Message, string.IsNullOrEmpty(error.Code) ? null : error.Code);
            if (explained.IsKnown)
            {
                var unknown = mayHaveBeenProcessed || explained.OutcomeUnknown;
                return new Failure(error with
                {
                    Category = explained.Category,
                    Remedy = explained.Remedy,
                    RuleId = explained.RuleId,
                    RetryAfter = error.RetryAfter ?? explained.Rule!.RetryAfter,
                    Delivery = unknown ? RequestDelivery.OutcomeUnknown : error.Delivery,
                }, explained.RuleId, unknown);
            }
        }

        var catalogued = error.RuleId is { } id && ShipmentErrorCatalogue.FindRule(id) is { OutcomeUnknown: true };
        return new Failure(error, error.RuleId, ex is not PlatformValidationException && (mayHaveBeenProcessed || catalogued));
    }

    private static ShipmentSyncOutcome Outcome(Shipment shipment, ShipmentSyncStatus status, string? ruleId, string? remedy, PlatformError? error, int attempts) => new()
    {
        ShipmentId = shipment.ShipmentId,
        Status = status,
        RuleId = ruleId,
        Remedy = remedy,
        Error = error,
        Attempts = attempts,
    };

    private static ShipmentSyncOutcome Unknown(Shipment shipment, string? ruleId, PlatformError? error, int attempts, string what) => new()
    {
        ShipmentId = shipment.ShipmentId,
        Status = ShipmentSyncStatus.OutcomeUnknown,
        RuleId = ruleId,
        Remedy = $"{what}, and the platform cannot be asked: check order {shipment.OrderId} on {shipment.Platform}. It is never resent automatically; "
            + "if it did not ship, submit it again under a new shipment id." + (error?.Remedy is { Length: > 0 } r ? " Platform: " + r : string.Empty),
        Error = error,
        Attempts = attempts,
        MayHaveBeenProcessed = true,
    };

    private sealed record Failure(PlatformError Error, string? RuleId, bool OutcomeUnknown);

    private sealed class ProgressCounter(int total, IProgress<ShipmentSyncProgress>? progress)
    {
        private readonly object _gate = new();
        private int _completed;
        private int _succeeded;
        private int _failed;
        private int _unknown;
        private int _pending;
        private int _skipped;

        public void Add(ShipmentSyncOutcome outcome)
        {
            ShipmentSyncProgress report;
            lock (_gate)
            {
                _completed++;
                switch (outcome.Status)
                {
                    case ShipmentSyncStatus.Synced or ShipmentSyncStatus.AlreadySynced:
                        _succeeded++;
                        break;
                    case ShipmentSyncStatus.Failed:
                        _failed++;
                        break;
                    case ShipmentSyncStatus.OutcomeUnknown:
                        _unknown++;
                        break;
                    case ShipmentSyncStatus.Skipped:
                        _skipped++;
                        break;
                    default:
                        _pending++;
                        break;
                }

                report = new ShipmentSyncProgress
                {
                    Total = total, Completed = _completed, Succeeded = _succeeded, Failed = _failed, OutcomeUnknown = _unknown, Pending = _pending,
                    Skipped = _skipped, Last = outcome,
                };
            }

            progress?.Report(report);
        }
    }
}
