using System.Text;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Top.Qimen;

namespace PlatformSdk.Top.Tests;

/// <summary>
/// The push verifier faces the internet: whatever bytes arrive, it answers with a named failure and never throws, never hashes an
/// oversized body, and never lets two different pushes verify under one signature.
/// </summary>
public class QimenHostileInputTests
{
    private const string Secret = "receiver-secret-0123";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(8));

    private static QimenRequestVerifier Verifier(int maxBodyBytes = QimenRequestVerifier.DefaultMaxBodyBytes)
        => new(Secret, new FakeTimeProvider(Now), maxBodyBytes: maxBodyBytes);

    private static QimenInboundRequest Signed(byte[] body, string timestamp = "2026-12-01 12:00:00", string contentType = "text/xml; charset=utf-8")
    {
        var query = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["app_key"] = "erp", ["format"] = "xml", ["method"] = "qimen.alibaba.ascp.uop.consignorder.notify", ["timestamp"] = timestamp, ["v"] = "2.0", ["sign_method"] = "md5",
        };
        var text = new StringBuilder(Secret);
        foreach (var (k, v) in query)
        {
            text.Append(k).Append(v);
        }

        // The body enters the signature as text: sign what a sender would sign (its UTF-8 decoding, lossy for invalid bytes).
        text.Append(Encoding.UTF8.GetString(body)).Append(Secret);
#pragma warning disable CA5351
        var sign = Convert.ToHexString(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(text.ToString())));
#pragma warning restore CA5351
        var queryString = "?" + string.Join("&", query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")) + "&sign=" + sign;
        return new QimenInboundRequest { QueryString = queryString, Body = body, ContentType = contentType };
    }

    [Fact]
    public void A_signed_push_verifies()
        => Assert.True(Verifier().Verify(Signed(Encoding.UTF8.GetBytes("<request><a>订单</a></request>"))).IsValid);

    [Fact]
    public void An_oversized_body_is_refused_before_hashing()
    {
        var result = Verifier(maxBodyBytes: 1024).Verify(Signed(new byte[1025]));
        Assert.Equal(QimenVerificationFailure.BodyTooLarge, result.Failure);
    }

    [Theory]
    [InlineData("text/xml; charset=utf-7")]
    [InlineData("text/xml; charset=utf-16")]
    [InlineData("text/xml; charset=\"x-\u0001evil\"")]
    [InlineData("text/xml; charset=ibm037")]
    public void Charsets_outside_what_Qimen_uses_are_refused_not_thrown(string contentType)
    {
        var push = Signed(Encoding.UTF8.GetBytes("<request/>"), contentType: contentType);
        var result = Verifier().Verify(push);
        Assert.Equal(QimenVerificationFailure.UnsupportedCharset, result.Failure);
        Assert.DoesNotContain("\u0001", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-01-01 00:00:00")]
    [InlineData("9999-12-31 23:59:59")]
    public void Extreme_signed_timestamps_are_refused_not_thrown(string timestamp)
    {
        var result = Verifier().Verify(Signed(Encoding.UTF8.GetBytes("<request/>"), timestamp));
        Assert.False(result.IsValid);
        Assert.Contains(result.Failure, new[] { QimenVerificationFailure.BadTimestampFormat, QimenVerificationFailure.StaleTimestamp });
    }

    [Fact]
    public void Two_bodies_that_differ_only_in_invalid_utf8_bytes_never_share_a_signature()
    {
        // 0xFF and 0xFE both decode to U+FFFD with a lenient decoder, so one signature would cover both bodies.
        var first = Signed([.. "<request>"u8, 0xFF, .. "</request>"u8]);
        var other = new QimenInboundRequest { QueryString = first.QueryString, ContentType = first.ContentType, Body = (byte[])[.. "<request>"u8, 0xFE, .. "</request>"u8] };

        Assert.Equal(QimenVerificationFailure.InvalidEncoding, Verifier().Verify(first).Failure);
        Assert.Equal(QimenVerificationFailure.InvalidEncoding, Verifier().Verify(other).Failure);
    }

    [Fact]
    public void Random_and_mutated_pushes_never_throw()
    {
        const int Seed = 20261201;
        var random = new Random(Seed);
        var verifier = Verifier(maxBodyBytes: 64 * 1024);
        var valid = Signed(Encoding.UTF8.GetBytes("<request><deliveryOrderCode>D1</deliveryOrderCode></request>"));
        string[] contentTypes = ["text/xml; charset=utf-8", "text/xml", "application/x-www-form-urlencoded; charset=gbk", "text/xml; charset=", "multipart/form-data; boundary=x", "", "text/xml; charset=gb18030"];
        for (var i = 0; i < 2000; i++)
        {
            var body = valid.Body.ToArray();
            var query = valid.QueryString!.ToCharArray();
            for (var m = random.Next(1, 6); m > 0; m--)
            {
                if (random.Next(2) == 0 && body.Length > 0)
                {
                    body[random.Next(body.Length)] = (byte)random.Next(256);
                }
                else
                {
                    query[random.Next(query.Length)] = (char)random.Next(0x20, 0x7F);
                }
            }

            var push = new QimenInboundRequest { QueryString = new string(query), Body = body, ContentType = contentTypes[random.Next(contentTypes.Length)] };
            try
            {
                _ = verifier.Verify(push);
            }
            catch (Exception ex)
            {
                Assert.Fail($"Verify threw {ex.GetType().Name} on input {i} (seed {Seed}): {ex.Message}");
            }
        }
    }
}
