using PlatformSdk.Abstractions.Tests.Infrastructure;
using PlatformSdk.Errors;
using PlatformSdk.Http;

namespace PlatformSdk.Abstractions.Tests;

/// <summary>
/// Invariants the pipeline keeps against hostile but realistic replies: a redirect is never followed and never "not sent", a reply
/// body is bounded, a byte order mark is not an error, and bytes after the JSON are.
/// </summary>
public class HostileReplyTests
{
    private static readonly Dictionary<string, string> ToElsewhere = new() { ["Location"] = "http://127.0.0.1:9/elsewhere" };

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_is_not_followed_and_a_write_may_have_happened(int status)
    {
        using var h = PipelineHarness.Create(_ => new ServerReply(status, string.Empty, ToElsewhere));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context("redirect.write", OperationIdempotency.NonIdempotentWrite)));

        Assert.Equal(PlatformErrorCodes.Redirect, ex.ErrorCode);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(1, await h.ServerRequestsAfterAsync(1));
        Assert.DoesNotContain("sign=", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_on_a_read_is_a_configuration_error_and_not_retried()
    {
        using var h = PipelineHarness.Create(_ => new ServerReply(302, string.Empty, ToElsewhere));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context("redirect.read", OperationIdempotency.Read)));

        Assert.Equal(ErrorCategory.Configuration, ex.Category);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Equal(1, h.ServerRequests);
    }

    [Fact]
    public async Task A_reply_over_the_size_limit_is_refused_while_reading()
    {
        var huge = TestPlatform.Reply(0, new string('x', 64 * 1024));
        using var h = PipelineHarness.Create(_ => new ServerReply(200, huge), o => o.MaxResponseBytes = 16 * 1024);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context("huge.write", OperationIdempotency.IdempotentWrite)));

        Assert.Equal(PlatformErrorCodes.ResponseTooLarge, ex.ErrorCode);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("MaxResponseBytes", ex.Remedy, StringComparison.Ordinal);
        Assert.Equal(1, h.ServerRequests); // not retried: a bigger reply will not get smaller
    }

    [Theory]
    [InlineData(OperationIdempotency.Read, false)]
    [InlineData(OperationIdempotency.NonIdempotentWrite, true)]
    public async Task Write_advice_appears_in_a_remedy_only_when_a_write_may_have_happened(OperationIdempotency idempotency, bool advised)
    {
        var huge = TestPlatform.Reply(0, new string('x', 64 * 1024));
        using var h = PipelineHarness.Create(_ => new ServerReply(200, huge), o => o.MaxResponseBytes = 16 * 1024);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context("huge.advice", idempotency)));

        Assert.Equal(advised, ex.MayHaveBeenProcessed);
        Assert.Equal(advised, ex.Remedy.Contains("write may have been carried out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_byte_order_mark_before_valid_json_is_a_success()
    {
        using var h = PipelineHarness.Create(_ => new ServerReply(200, "\uFEFF" + TestPlatform.Ok));

        var response = await h.SendAsync(PipelineHarness.Context("bom.write", OperationIdempotency.NonIdempotentWrite));

        Assert.Equal(1, response.Attempts);
    }

    [Fact]
    public async Task Bytes_after_the_json_make_a_malformed_reply_and_a_write_may_have_happened()
    {
        using var h = PipelineHarness.Create(_ => new ServerReply(200, TestPlatform.Ok + "<!-- gateway -->"));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context("trailing.write", OperationIdempotency.NonIdempotentWrite)));

        Assert.Equal(PlatformErrorCodes.MalformedResponse, ex.ErrorCode);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(1, h.ServerRequests);
    }

    [Fact]
    public async Task A_reader_that_cannot_read_the_success_is_a_malformed_reply_retried_for_reads()
    {
        using var h = PipelineHarness.Create(_ => ServerReply.Ok);
        var reads = 0;

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Executor.SendAsync<int>(PipelineHarness.Context("reader.read", OperationIdempotency.Read),
            _ => { reads++; throw new FormatException("the id is not a number"); }));

        Assert.Equal(PlatformErrorCodes.MalformedResponse, ex.ErrorCode);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Equal(4, reads); // the first attempt and three retries
    }
}
