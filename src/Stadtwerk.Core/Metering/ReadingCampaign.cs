using Stadtwerk.Core.Billing;

namespace Stadtwerk.Core.Metering;

/// <summary>
/// A meter-reading campaign (Ableseaktion) before a billing run: for the contracts whose billing period ends on
/// the reading day (Stichtag), customers are asked to read their meters within a window that ends with the
/// deadline. Readings dated in the window count; at the deadline the rest is estimated by the run.
/// </summary>
public sealed class ReadingCampaign
{
    private ReadingCampaign()
    {
        CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public int Number { get; private set; }

    public Commodity? Commodity { get; private set; }

    /// <summary>The day the billing periods end (Stichtag).</summary>
    public DateOnly ReadingDay { get; private set; }

    public DateOnly WindowStart { get; private set; }

    /// <summary>The last day a reading counts (Frist).</summary>
    public DateOnly Deadline { get; private set; }

    public int Requests { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RemindedAt { get; private set; }

    /// <summary>The print batch with the campaign's reading cards, once printed (set by the batch that claims them).</summary>
    public int? CardsPrintBatch { get; private set; }

    public static DomainResult<ReadingCampaign> Create(int number, Commodity? commodity, DateOnly readingDay, DateOnly windowStart, DateOnly deadline, string createdBy, DateOnly today, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (windowStart > readingDay)
        {
            errors.Add(new FieldError("windowStart", $"the window must begin on or before the reading day {readingDay}"));
        }

        if (deadline < readingDay)
        {
            errors.Add(new FieldError("deadline", $"the deadline must be on or after the reading day {readingDay}"));
        }

        if (deadline.DayNumber - windowStart.DayNumber > 62)
        {
            errors.Add(new FieldError("deadline", "a reading window is at most two months long"));
        }

        if (deadline < today)
        {
            errors.Add(new FieldError("deadline", $"{deadline} is past; the customers need time to read"));
        }

        return errors.Count > 0
            ? DomainResult<ReadingCampaign>.Invalid([.. errors])
            : DomainResult<ReadingCampaign>.Ok(new ReadingCampaign
            {
                Id = Guid.CreateVersion7(),
                Number = number,
                Commodity = commodity,
                ReadingDay = readingDay,
                WindowStart = windowStart,
                Deadline = deadline,
                CreatedBy = Guard.NotBlank(createdBy, nameof(createdBy)),
                CreatedAt = now.ToUniversalTime(),
            });
    }

    public void Requested(int requests) => Requests = requests;

    public bool Counts(DateOnly readingDate) => readingDate >= WindowStart && readingDate <= Deadline;

    /// <summary>A reminder goes out once, before the deadline.</summary>
    public DomainResult<ReadingCampaign> Remind(DateOnly today, DateTimeOffset now)
    {
        if (today > Deadline)
        {
            return DomainResult<ReadingCampaign>.Invalid("deadline", $"the deadline {Deadline} has passed; what is not read will be estimated");
        }

        if (RemindedAt is not null)
        {
            return DomainResult<ReadingCampaign>.Invalid("remindedAt", "the reminder went out already");
        }

        RemindedAt = now.ToUniversalTime();
        return DomainResult<ReadingCampaign>.Ok(this);
    }
}

public enum ReadingRequestChannel
{
    /// <summary>An e-mail with the request.</summary>
    Email,

    /// <summary>A printed reading card (Ablesekarte) by post, printed with the bill documents.</summary>
    Card,
}

/// <summary>One meter of a campaign: whom it was asked of, how, and when reminded.</summary>
public sealed class ReadingRequest
{
    private ReadingRequest()
    {
    }

    public Guid CampaignId { get; private set; }

    public Guid MeterId { get; private set; }

    public Guid ContractId { get; private set; }

    public ReadingRequestChannel Channel { get; private set; }

    public DateTimeOffset? RemindedAt { get; private set; }

    public static ReadingRequest Create(ReadingCampaign campaign, Guid meterId, Guid contractId, ReadingRequestChannel channel)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return new ReadingRequest { CampaignId = campaign.Id, MeterId = meterId, ContractId = contractId, Channel = channel };
    }

    public void Reminded(DateTimeOffset now) => RemindedAt = now.ToUniversalTime();
}
