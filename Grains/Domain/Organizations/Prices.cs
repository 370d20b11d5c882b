namespace Realtime.Grains.Domain.Organizations;

/// <summary>
/// A price as a service, an appointment and a completion take it: from 0 to 10,000,000 in whole cents, at most two
/// decimals (12.345 cannot be paid, and would be summed as it is in the revenue reports).
/// </summary>
public static class Prices
{
    public static FieldError? Check(decimal? price, string field) => price switch
    {
        null => null,
        < 0 or > 10_000_000m => new(field, "The price must be between 0 and 10,000,000."),
        { } amount when decimal.Round(amount, 2) != amount => new(field, "The price can have at most two decimals."),
        _ => null,
    };
}
