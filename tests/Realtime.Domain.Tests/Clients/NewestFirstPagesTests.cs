using Realtime.Grains.Projections.Clients;

namespace Realtime.Domain.Tests.Clients;

public class NewestFirstPagesTests
{
    [Theory]
    // total, page, size -> oldest-first positions [from, to)
    [InlineData(7, 1, 3, 4, 7)]
    [InlineData(7, 2, 3, 1, 4)]
    [InlineData(7, 3, 3, 0, 1)]
    [InlineData(7, 4, 3, 0, 0)]
    [InlineData(6, 2, 3, 0, 3)]
    [InlineData(0, 1, 50, 0, 0)]
    [InlineData(2, 1, 50, 0, 2)]
    public void A_newest_first_page_is_a_window_of_oldest_first_positions(int total, int page, int size, long from, long to)
    {
        Assert.Equal((from, to), NewestFirstPages.Positions(total, page, size));
    }

    [Theory]
    [InlineData(4, 7, 3, new[] { 2, 3 })]
    [InlineData(3, 6, 3, new[] { 2 })]
    [InlineData(0, 1, 3, new[] { 1 })]
    [InlineData(0, 0, 3, new int[0])]
    public void The_window_lies_in_one_or_two_oldest_first_pages(long from, long to, int size, int[] pages)
    {
        Assert.Equal(pages, NewestFirstPages.OldestFirstPages(from, to, size));
    }

    [Fact]
    public void Reading_every_newest_first_page_gives_every_item_once_newest_first()
    {
        for (var total = 0; total <= 12; total++)
        {
            for (var size = 1; size <= 5; size++)
            {
                var oldestFirst = Enumerable.Range(0, total).ToArray();
                var read = new List<int>();
                for (var page = 1; page <= total / size + 2; page++)
                {
                    var (from, to) = NewestFirstPages.Positions(total, page, size);
                    var window = NewestFirstPages.OldestFirstPages(from, to, size)
                        .SelectMany(p => oldestFirst.Skip((p - 1) * size).Take(size).Select((item, i) => (item, position: (p - 1L) * size + i)))
                        .Where(x => x.position >= from && x.position < to)
                        .Select(x => x.item)
                        .Reverse()
                        .ToArray();
                    Assert.True(window.Length <= size);
                    read.AddRange(window);
                }

                Assert.Equal(oldestFirst.Reverse(), read);
            }
        }
    }
}
