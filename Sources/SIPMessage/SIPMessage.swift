// Placeholder until the message layer lands.
public enum SIPMessageLayer {}
