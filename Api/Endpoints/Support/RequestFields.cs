using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Errors;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Endpoints.Support;

/// <summary>Collects the missing and malformed fields of one request, so the client hears of all of them at once.</summary>
internal sealed class RequestFields
{
    private readonly List<FieldError> errors = [];

    public bool Valid => errors.Count == 0;

    public ProblemHttpResult Problem => Problems.Validation([.. errors]);

    public T Required<T>(T? value, string field) where T : struct
    {
        if (value is null) errors.Add(new FieldError(field, "Required."));
        return value.GetValueOrDefault();
    }

    public string Required(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new FieldError(field, "Required."));
        return value ?? "";
    }

    public T[] Required<T>(T[]? values, string field)
    {
        if (values is null) errors.Add(new FieldError(field, "Required."));
        return values ?? [];
    }

    public void Add(string field, string message) => errors.Add(new FieldError(field, message));
}
