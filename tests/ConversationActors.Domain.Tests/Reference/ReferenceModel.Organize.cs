using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;

namespace ConversationActors.Domain.Tests.Reference;

/// <summary>
/// The organizing commands (marks, custom data, conversation groups, delete many, clean unread by scope), as
/// docs/decisions.md describes them: a valid request answers one result per distinct ID in the order asked,
/// 0 (done or already so) or 6004 (missing or expired); a wrong request is refused as a whole (6017).
/// </summary>
internal sealed partial class ReferenceModel
{
    private const int FoldersMax = 20, FolderNameMaxBytes = 32, CustomDataMaxBytes = 256;

    private ModelOutcome PerConversation(IReadOnlyList<ConversationId> ids, bool recordsAnyway, Func<ModelConversation, bool> change)
    {
        if (ids.Count == 0 || ids.Count > Settings.BatchMax)
        {
            return ModelOutcome.Refuse(ErrorCode.InvalidParameter);
        }

        var results = new List<(string, ErrorCode)>();
        var recorded = recordsAnyway;
        foreach (var id in ids)
        {
            if (results.Any(r => r.Item1 == id.Value))
            {
                continue; // each distinct ID once
            }

            if (Find(id.Value) is { } conversation)
            {
                recorded |= change(conversation);
                results.Add((id.Value, ErrorCode.Ok));
            }
            else
            {
                results.Add((id.Value, ErrorCode.ConversationNotFound));
            }
        }

        return new ModelOutcome(null, recorded, results);
    }

    /// <summary>decisions: one mark is 1, 2, 4, 8 or a single bit from 2^32 up.</summary>
    private static bool IsOneMark(ulong mark) =>
        mark is 1 or 2 or 4 or 8 || (mark >= 1UL << 32 && (mark & (mark - 1)) == 0);

    private ModelOutcome Mark(MarkConversations m) =>
        !IsOneMark(m.MarkType) ? ModelOutcome.Refuse(ErrorCode.InvalidParameter)
        : PerConversation(m.ConversationIDs, false, c =>
        {
            if (c.Marks.Contains(m.MarkType) == m.Enable)
            {
                return false;
            }

            if (m.Enable)
            {
                c.Marks.Add(m.MarkType);
            }
            else
            {
                c.Marks.Remove(m.MarkType);
            }

            return true;
        });

    private ModelOutcome SetCustomData(SetConversationCustomData s)
    {
        var data = string.IsNullOrEmpty(s.CustomData) ? null : s.CustomData;
        if (data is not null && System.Text.Encoding.UTF8.GetByteCount(data) > CustomDataMaxBytes)
        {
            return ModelOutcome.Refuse(ErrorCode.InvalidParameter);
        }

        return PerConversation(s.ConversationIDs, false, c =>
        {
            var changed = c.CustomData != data;
            c.CustomData = data;
            return changed;
        });
    }

    /// <summary>Each is deleted like a single delete (the clearHistory flag only tells the journal's readers).</summary>
    private ModelOutcome DeleteMany(DeleteConversations d) => PerConversation(d.ConversationIDs, false, c =>
    {
        Delete(c);
        return true;
    });

    /// <summary>decisions: a read of every conversation in scope, in list order; answers the ones it changed.</summary>
    private ModelOutcome CleanUnread(CleanUnread c, long now)
    {
        ConversationType? only = c.Scope switch
        {
            "c2c" => ConversationType.C2C,
            "group" => ConversationType.Group,
            _ => null,
        };
        if (c.Scope is not ("" or "c2c" or "group") || c.UpToTimestamp is <= 0)
        {
            return ModelOutcome.Refuse(ErrorCode.InvalidParameter);
        }

        var changed = new List<(string, ErrorCode)>();
        foreach (var conversation in InListOrder(_conversations))
        {
            if ((only is null || conversation.ID.Type == only) && Read(conversation, c.UpToTimestamp, now))
            {
                changed.Add((conversation.ID.Value, ErrorCode.Ok));
            }
        }

        return changed.Count == 0 ? ModelOutcome.Unchanged : new ModelOutcome(null, true, changed);
    }

    private static bool IsFolderName(string name) =>
        name.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(name) <= FolderNameMaxBytes && !name.Any(ch => char.IsControl(ch) || ch == '/');

    private ModelOutcome CreateFolder(CreateConversationGroup c)
    {
        if (!IsFolderName(c.GroupName) || _folders.Contains(c.GroupName) || _folders.Count >= FoldersMax
            || c.ConversationIDs.Count == 0 || c.ConversationIDs.Count > Settings.BatchMax)
        {
            return ModelOutcome.Refuse(ErrorCode.InvalidParameter);
        }

        // decisions: the group is created even if none of the listed conversations exists.
        _folders.Add(c.GroupName);
        return PerConversation(c.ConversationIDs, true, conversation =>
        {
            conversation.Groups.Add(c.GroupName);
            return true;
        });
    }

    private ModelOutcome RenameFolder(RenameConversationGroup r)
    {
        if (!IsFolderName(r.OldName) || !IsFolderName(r.NewName) || !_folders.Contains(r.OldName))
        {
            return ModelOutcome.Refuse(ErrorCode.InvalidParameter);
        }

        if (r.OldName == r.NewName)
        {
            return ModelOutcome.Unchanged;
        }

        if (_folders.Contains(r.NewName))
        {
            return ModelOutcome.Refuse(ErrorCode.InvalidParameter);
        }

        // decisions: renaming keeps the group's place, in the owner's list and on each conversation.
        _folders[_folders.IndexOf(r.OldName)] = r.NewName;
        foreach (var conversation in _conversations.Where(x => x.Groups.Contains(r.OldName)))
        {
            conversation.Groups[conversation.Groups.IndexOf(r.OldName)] = r.NewName;
        }

        return ModelOutcome.Changed;
    }

    private ModelOutcome DeleteFolder(DeleteConversationGroup d)
    {
        if (!IsFolderName(d.GroupName) || !_folders.Remove(d.GroupName))
        {
            return ModelOutcome.Refuse(ErrorCode.InvalidParameter);
        }

        // decisions: the conversations stay, out of the group.
        foreach (var conversation in _conversations)
        {
            conversation.Groups.Remove(d.GroupName);
        }

        return ModelOutcome.Changed;
    }

    private ModelOutcome AddToFolder(AddConversationsToGroup a) =>
        !IsFolderName(a.GroupName) || !_folders.Contains(a.GroupName) ? ModelOutcome.Refuse(ErrorCode.InvalidParameter)
        : PerConversation(a.ConversationIDs, false, c =>
        {
            if (c.Groups.Contains(a.GroupName))
            {
                return false;
            }

            c.Groups.Add(a.GroupName);
            return true;
        });

    private ModelOutcome RemoveFromFolder(DeleteConversationsFromGroup r) =>
        !IsFolderName(r.GroupName) || !_folders.Contains(r.GroupName) ? ModelOutcome.Refuse(ErrorCode.InvalidParameter)
        : PerConversation(r.ConversationIDs, false, c => c.Groups.Remove(r.GroupName));
}
