namespace Realtime.Api.Tests.Fuzzing;

/// <summary>
/// A valid body per route that takes JSON, which the fuzzer mutates; placeholders name the tenant's real objects (see
/// <see cref="FuzzTenant.Fill"/>). A JSON route missing here is fuzzed from <c>{}</c>.
/// </summary>
internal static class ExampleBodies
{
    public static readonly IReadOnlyDictionary<string, string> ByRoute = new Dictionary<string, string>
    {
        ["POST /api/organizations"] = """{"name":"Fuzzed chain"}""",
        ["POST /api/keys"] = """{"name":"desk","role":"frontDesk","locationIds":["{location}"]}""",
        ["POST /api/locations"] = """{"name":"Annex","timeZone":"Europe/Warsaw","policies":{"reminderLeadMinutes":60,"clientPolicy":{"cancelNoticeHours":24}}}""",
        ["PUT /api/locations/{id:guid}"] = """{"name":"Centre","address":"Main 1","timeZone":"Europe/Warsaw"}""",
        ["POST /api/resources"] = """{"name":"Jan","kind":"staff","workingHours":[{"locationId":"{location}","dayOfWeek":"monday","start":"09:00","end":"17:00"}]}""",
        ["PUT /api/resources/{id:guid}/working-hours"] = """[{"locationId":"{location}","dayOfWeek":"tuesday","start":"08:00","end":"16:00"}]""",
        ["POST /api/resources/{id:guid}/exceptions"] = """{"locationId":"{location}","date":"{date}","kind":"timeOff","note":"holiday"}""",
        ["POST /api/services"] = """{"name":"Colour","durationMinutes":90,"price":120.5,"capacity":1,"requiredResourceKinds":["staff"]}""",
        ["PUT /api/services/{id:guid}"] = """{"name":"Colour","durationMinutes":60,"price":100}""",
        ["POST /api/clients"] = """{"firstName":"Ola","lastName":"Kowal","email":"ola@example.com","phone":"+48600100200","birthDate":"1990-05-01","language":"pl"}""",
        ["PUT /api/clients/{id:guid}"] = """{"firstName":"Ola","lastName":"Kowal","email":"ola@example.com","language":"en"}""",
        ["POST /api/clients/bulk-delete"] = """{"ids":["{client}"],"confirm":false}""",
        ["POST /api/clients/{id:guid}/blacklist"] = """{"reason":"no-shows"}""",
        ["POST /api/appointments"] = """{"locationId":"{location}","resourceIds":["{resource}"],"serviceIds":["{service}"],"clientId":"{client}","start":"{start}","notes":"fuzz","labels":["vip"],"price":80}""",
        ["PATCH /api/appointments/{id:guid}"] = """{"labels":["late"],"comment":"ok","durationMinutes":45,"paymentDue":true}""",
        ["POST /api/appointments/{id:guid}/reschedule"] = """{"start":"{start}","resourceIds":["{resource}"],"overrideWorkingHours":false}""",
        ["POST /api/appointments/{id:guid}/seats"] = """{"clientId":"{client}"}""",
        ["POST /api/appointments/{id:guid}/cancel"] = """{"reason":"client","message":"sorry","notifyClient":true}""",
        ["POST /api/appointments/{id:guid}/complete"] = """{"totalPrice":90,"label":"paid","nextVisit":{"start":"{start}","resourceIds":["{resource}"],"serviceIds":["{service}"]}}""",
        ["POST /api/appointments/{id:guid}/no-show"] = """{"blacklist":false}""",
        ["POST /api/webhooks"] = """{"url":"https://example.com/hook","events":["booked","cancelled"]}""",
        ["PUT /api/notifications/settings"] = """{"staffEmail":"desk@example.com","staffLanguage":"pl"}""",
        ["POST /api/waitlist"] = """{"clientId":"{client}","locationId":"{location}","serviceId":"{service}","from":"{start}"}""",
        ["POST /api/client/auth/link"] = """{"organizationId":"{organization}","email":"ewa@example.com"}""",
        ["POST /api/client/auth/session"] = """{"token":"not-a-real-token"}""",
        ["POST /api/client/appointments"] = """{"locationId":"{location}","serviceIds":["{service}"],"resourceIds":["{resource}"],"start":"{start}","notes":"hi"}""",
        ["POST /api/client/appointments/{id:guid}/cancel"] = """{"message":"cannot come"}""",
        ["POST /api/client/appointments/{id:guid}/reschedule"] = """{"start":"{start}"}""",
        ["POST /api/client/holds"] = """{"locationId":"{location}","serviceIds":["{service}"],"resourceIds":["{resource}"],"start":"{start}"}""",
        ["POST /api/client/waitlist"] = """{"locationId":"{location}","serviceId":"{service}"}""",
    };
}
