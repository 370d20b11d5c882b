using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Realtime.Api.Errors;

namespace Realtime.Api.Hosting;

/// <summary>
/// The two pages the API serves. The front desk at <c>/frontdesk</c>: static files that <c>scripts/frontdesk.sh build</c>
/// bundles from <c>Api/FrontDesk</c> into <c>wwwroot/frontdesk</c>. The client's page at <c>/client</c> (plain files in
/// <c>wwwroot/client</c>, no build), where the links of the client e-mails land: <c>/client/sign-in</c> and
/// <c>/client/manage</c>. Both pages are public; everything they show comes from the API with the key or session they hold.
/// </summary>
public static class FrontDeskHosting
{
    public const string PagePath = "/frontdesk";
    public const string ClientPagePath = "/client";

    /// <summary>Same origin only, no inline script; inline styles are needed by the calendar component.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication MapFrontDesk(this WebApplication app)
    {
        var folder = Path.Combine(app.Environment.ContentRootPath, "wwwroot", "frontdesk");
        if (app.Missing(folder, PagePath, "frontdesk_not_built",
            "The front-desk page has not been built on this server: run scripts/frontdesk.sh build, then restart.")) return app;

        // "/frontdesk" → "/frontdesk/", so that the page's relative URLs resolve (a route would match both spellings).
        app.Use((http, next) => http.Request.Path.Value == PagePath
            ? TypedResults.Redirect($"{http.Request.PathBase}{PagePath}/{http.Request.QueryString}").ExecuteAsync(http)
            : next(http));
        return app.ServeFolder(folder, PagePath);
    }

    /// <summary>The client's page: its two link addresses (and <c>/client/</c>) are the one page, which reads which it is.</summary>
    public static WebApplication MapClientPage(this WebApplication app)
    {
        var folder = Path.Combine(app.Environment.ContentRootPath, "wwwroot", "client");
        if (app.Missing(folder, ClientPagePath, "client_page_missing",
            "The client's page is not installed on this server: its files belong in wwwroot/client.")) return app;
        string[] pages = [ClientPagePath, ClientPagePath + "/", ClientPagePath + "/sign-in", ClientPagePath + "/manage"];
        app.Use((http, next) =>
        {
            if (pages.Contains(http.Request.Path.Value)) http.Request.Path = ClientPagePath + "/index.html";
            return next(http);
        });
        return app.ServeFolder(folder, ClientPagePath);
    }

    /// <summary>A page whose files are missing answers 503 with what to do, and says so in the log, rather than stopping the node.</summary>
    private static bool Missing(this WebApplication app, string folder, string path, string code, string detail)
    {
        if (File.Exists(Path.Combine(folder, "index.html"))) return false;
        app.Logger.LogWarning("A page is missing ({Folder}): {Detail}", folder, detail);
        app.Map(path + "/{**rest}", () => Problems.Create(StatusCodes.Status503ServiceUnavailable, code, detail)).ExcludeFromDescription();
        return true;
    }

    private static WebApplication ServeFolder(this WebApplication app, string folder, string path)
    {
        var files = new PhysicalFileProvider(folder);
        var types = new FileExtensionContentTypeProvider { Mappings = { [".map"] = "application/json" } }; // source maps, for the browser's tools
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = path });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = path,
            ContentTypeProvider = types,
            OnPrepareResponse = context =>
            {
                // Revalidated on every load (cheap: ETag, 304), so a new build is picked up at once.
                var headers = context.Context.Response.Headers;
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
        return app;
    }
}
