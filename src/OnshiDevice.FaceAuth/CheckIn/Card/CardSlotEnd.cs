namespace OnshiDevice.FaceAuth.CheckIn.Card;

/// <summary>What a card transaction of a check-in leaves on the card when it ends.</summary>
public enum CardSlotEnd
{
    /// <summary>Nothing was verified: leave the card as it is.</summary>
    LeaveCard,

    /// <summary>A PIN or 照合番号B was (or may have been) verified: reset the card, so no verified state outlives the transaction.</summary>
    ResetCard,
}
